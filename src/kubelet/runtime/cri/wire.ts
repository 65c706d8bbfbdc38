/**
 * The CRI messages as @grpc/proto-loader hands them over with LOADER_OPTIONS: published (snake_case) field names,
 * int64/uint64 as decimal strings, enums as their names, every field present (defaults). Only what convert.ts reads
 * or writes is typed; requests may omit fields (proto3 defaults).
 */

export type Int64 = string;
export type StringMap = Record<string, string>;

export interface WirePodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface WireContainerMetadata {
  name: string;
  attempt: number;
}

export interface WireImageSpec {
  image: string;
  annotations?: StringMap;
  user_specified_image?: string;
}

export interface WireNamespaceOption {
  network?: string;
  pid?: string;
  ipc?: string;
  target_id?: string;
}

export interface WireInt64Value {
  value: Int64;
}

export interface WireLinuxContainerResources {
  cpu_period?: Int64;
  cpu_quota?: Int64;
  cpu_shares?: Int64;
  memory_limit_in_bytes?: Int64;
  oom_score_adj?: Int64;
  cpuset_cpus?: string;
  cpuset_mems?: string;
}

export interface WirePodSandboxConfig {
  metadata: WirePodSandboxMetadata;
  hostname?: string;
  log_directory?: string;
  dns_config?: { servers: string[]; searches: string[]; options: string[] };
  port_mappings?: { protocol: string; container_port: number; host_port: number; host_ip: string }[];
  labels: StringMap;
  annotations: StringMap;
  linux?: {
    cgroup_parent?: string;
    security_context?: {
      namespace_options?: WireNamespaceOption;
      privileged?: boolean;
      run_as_user?: WireInt64Value;
      run_as_group?: WireInt64Value;
      readonly_rootfs?: boolean;
      supplemental_groups?: Int64[];
    };
    sysctls?: StringMap;
  };
}

export interface WireContainerConfig {
  metadata: WireContainerMetadata;
  image: WireImageSpec;
  command: string[];
  args: string[];
  working_dir?: string;
  envs: { key: string; value: string }[];
  mounts?: { container_path: string; host_path: string; readonly: boolean; propagation: string }[];
  labels: StringMap;
  annotations: StringMap;
  log_path?: string;
  stdin?: boolean;
  stdin_once?: boolean;
  tty?: boolean;
  linux?: {
    resources?: WireLinuxContainerResources;
    security_context?: {
      capabilities?: { add_capabilities: string[]; drop_capabilities: string[] };
      privileged?: boolean;
      namespace_options?: WireNamespaceOption;
      run_as_user?: WireInt64Value;
      run_as_group?: WireInt64Value;
      run_as_username?: string;
      readonly_rootfs?: boolean;
      supplemental_groups?: Int64[];
      no_new_privs?: boolean;
      masked_paths?: string[];
      readonly_paths?: string[];
    };
  };
}

export interface WirePodSandbox {
  id: string;
  metadata: WirePodSandboxMetadata | null;
  state: string;
  created_at: Int64;
  labels: StringMap;
  annotations: StringMap;
}

export interface WirePodSandboxStatus extends WirePodSandbox {
  network: { ip: string; additional_ips: { ip: string }[] } | null;
}

export interface WireContainer {
  id: string;
  pod_sandbox_id: string;
  metadata: WireContainerMetadata | null;
  image: WireImageSpec | null;
  image_ref: string;
  state: string;
  created_at: Int64;
  labels: StringMap;
  annotations: StringMap;
}

export interface WireContainerStatus {
  id: string;
  metadata: WireContainerMetadata | null;
  state: string;
  created_at: Int64;
  started_at: Int64;
  finished_at: Int64;
  exit_code: number;
  image: WireImageSpec | null;
  image_ref: string;
  reason: string;
  message: string;
  labels: StringMap;
  annotations: StringMap;
  log_path: string;
}

export interface WireImage {
  id: string;
  repo_tags: string[];
  repo_digests: string[];
  size: Int64;
}

export interface WireFilesystemUsage {
  timestamp: Int64;
  fs_id: { mountpoint: string } | null;
  used_bytes: { value: Int64 } | null;
  inodes_used: { value: Int64 } | null;
}
