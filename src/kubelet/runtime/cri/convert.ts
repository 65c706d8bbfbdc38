/**
 * Pure conversions between the kubelet's runtime interface (camelCase, milliseconds) and the CRI wire messages
 * (snake_case, int64 nanoseconds as strings). Wire → interface never trusts a field to be set: proto3 omits
 * defaults and messages may be null.
 */
import {
  LABEL_POD_UID,
  type Container,
  type ContainerConfig,
  type ContainerFilter,
  type ContainerState,
  type ContainerStatus,
  type FilesystemUsage,
  type Image,
  type LinuxContainerResources,
  type NamespaceOption,
  type PodSandbox,
  type PodSandboxConfig,
  type PodSandboxFilter,
  type PodSandboxState,
  type PodSandboxStatus,
} from '../interface.js';
import type {
  Int64,
  WireContainer,
  WireContainerConfig,
  WireContainerStatus,
  WireFilesystemUsage,
  WireImage,
  WireLinuxContainerResources,
  WireNamespaceOption,
  WirePodSandbox,
  WirePodSandboxConfig,
  WirePodSandboxStatus,
} from './wire.js';

const NS_PER_MS = 1_000_000n;

/** int64 nanoseconds (a decimal string) → integer milliseconds; '' / '0' → 0. */
export function nsToMs(ns: Int64 | undefined | null): number {
  if (!ns || ns === '0') return 0;
  return Number(BigInt(ns) / NS_PER_MS);
}

/** An int64/uint64 count (bytes, inodes) → number (exact below 2^53, i.e. 8 PiB). */
export const int64ToNumber = (v: Int64 | undefined | null): number => (v ? Number(v) : 0);

const int64 = (n: number | undefined): Int64 | undefined => (n === undefined ? undefined : String(Math.trunc(n)));
const int64Value = (n: number | undefined) => (n === undefined ? undefined : { value: String(Math.trunc(n)) });

function namespaceOptionsToWire(o: NamespaceOption | undefined): WireNamespaceOption | undefined {
  if (!o) return undefined;
  return { network: o.network, pid: o.pid, ipc: o.ipc, target_id: o.targetId };
}

export function resourcesToWire(r: LinuxContainerResources): WireLinuxContainerResources {
  return {
    cpu_period: int64(r.cpuPeriod),
    cpu_quota: int64(r.cpuQuota),
    cpu_shares: int64(r.cpuShares),
    memory_limit_in_bytes: int64(r.memoryLimitInBytes),
    oom_score_adj: int64(r.oomScoreAdj),
    cpuset_cpus: r.cpusetCpus,
    cpuset_mems: r.cpusetMems,
  };
}

export function sandboxConfigToWire(c: PodSandboxConfig): WirePodSandboxConfig {
  const sc = c.linux?.securityContext;
  return {
    metadata: { ...c.metadata },
    hostname: c.hostname,
    log_directory: c.logDirectory,
    dns_config: c.dnsConfig,
    port_mappings: c.portMappings?.map((p) => ({
      protocol: p.protocol,
      container_port: p.containerPort,
      host_port: p.hostPort ?? 0,
      host_ip: p.hostIp ?? '',
    })),
    labels: { ...c.labels },
    annotations: { ...c.annotations },
    linux: c.linux && {
      cgroup_parent: c.linux.cgroupParent,
      sysctls: c.linux.sysctls,
      security_context: sc && {
        namespace_options: namespaceOptionsToWire(sc.namespaceOptions),
        privileged: sc.privileged,
        run_as_user: int64Value(sc.runAsUser),
        run_as_group: int64Value(sc.runAsGroup),
        readonly_rootfs: sc.readonlyRootfs,
        supplemental_groups: sc.supplementalGroups?.map(String),
      },
    },
  };
}

export function containerConfigToWire(c: ContainerConfig): WireContainerConfig {
  const sc = c.linux?.securityContext;
  return {
    metadata: { ...c.metadata },
    image: { image: c.image.image },
    command: [...c.command],
    args: [...c.args],
    working_dir: c.workingDir,
    envs: c.envs.map((e) => ({ key: e.key, value: e.value })),
    mounts: c.mounts?.map((m) => ({
      container_path: m.containerPath,
      host_path: m.hostPath,
      readonly: m.readonly ?? false,
      propagation: m.propagation ?? 'PROPAGATION_PRIVATE',
    })),
    labels: { ...c.labels },
    annotations: { ...c.annotations },
    log_path: c.logPath,
    stdin: c.stdin,
    stdin_once: c.stdinOnce,
    tty: c.tty,
    linux: c.linux && {
      resources: c.linux.resources && resourcesToWire(c.linux.resources),
      security_context: sc && {
        capabilities: sc.capabilities && {
          add_capabilities: sc.capabilities.addCapabilities,
          drop_capabilities: sc.capabilities.dropCapabilities,
        },
        privileged: sc.privileged,
        namespace_options: namespaceOptionsToWire(sc.namespaceOptions),
        run_as_user: int64Value(sc.runAsUser),
        run_as_group: int64Value(sc.runAsGroup),
        run_as_username: sc.runAsUsername,
        readonly_rootfs: sc.readonlyRootfs,
        supplemental_groups: sc.supplementalGroups?.map(String),
        no_new_privs: sc.noNewPrivs,
        masked_paths: sc.maskedPaths,
        readonly_paths: sc.readonlyPaths,
      },
    },
  };
}

/** Our typed podUid filter is CRI's label selector on io.kubernetes.pod.uid. */
export function sandboxFilterToWire(f: PodSandboxFilter) {
  return {
    id: f.id ?? '',
    state: f.state ? { state: f.state } : null,
    label_selector: f.podUid ? { [LABEL_POD_UID]: f.podUid } : {},
  };
}

export function containerFilterToWire(f: ContainerFilter) {
  return {
    id: f.id ?? '',
    state: f.state ? { state: f.state } : null,
    pod_sandbox_id: f.podSandboxId ?? '',
    label_selector: f.podUid ? { [LABEL_POD_UID]: f.podUid } : {},
  };
}

export function sandboxFromWire(w: WirePodSandbox): PodSandbox {
  return {
    id: w.id,
    metadata: {
      name: w.metadata?.name ?? '',
      uid: w.metadata?.uid ?? '',
      namespace: w.metadata?.namespace ?? '',
      attempt: w.metadata?.attempt ?? 0,
    },
    state: (w.state || 'SANDBOX_READY') as PodSandboxState,
    createdAt: nsToMs(w.created_at),
    labels: { ...w.labels },
    annotations: { ...w.annotations },
  };
}

export function sandboxStatusFromWire(w: WirePodSandboxStatus): PodSandboxStatus {
  return {
    ...sandboxFromWire(w),
    network: {
      ip: w.network?.ip ?? '',
      additionalIps: (w.network?.additional_ips ?? []).map((a) => a.ip),
    },
  };
}

export function containerFromWire(w: WireContainer): Container {
  return {
    id: w.id,
    podSandboxId: w.pod_sandbox_id,
    metadata: { name: w.metadata?.name ?? '', attempt: w.metadata?.attempt ?? 0 },
    image: { image: w.image?.image ?? '' },
    imageRef: w.image_ref,
    state: (w.state || 'CONTAINER_CREATED') as ContainerState,
    createdAt: nsToMs(w.created_at),
    labels: { ...w.labels },
    annotations: { ...w.annotations },
  };
}

/** ContainerStatus carries no sandbox id: the caller supplies it (from ListContainers or its own records). */
export function containerStatusFromWire(w: WireContainerStatus, podSandboxId: string): ContainerStatus {
  return {
    id: w.id,
    podSandboxId,
    metadata: { name: w.metadata?.name ?? '', attempt: w.metadata?.attempt ?? 0 },
    image: { image: w.image?.image ?? '' },
    imageRef: w.image_ref,
    state: (w.state || 'CONTAINER_CREATED') as ContainerState,
    createdAt: nsToMs(w.created_at),
    startedAt: nsToMs(w.started_at),
    finishedAt: nsToMs(w.finished_at),
    exitCode: w.exit_code,
    reason: w.reason,
    message: w.message,
    labels: { ...w.labels },
    annotations: { ...w.annotations },
    logPath: w.log_path || undefined,
  };
}

export function imageFromWire(w: WireImage): Image {
  return { id: w.id, repoTags: [...w.repo_tags], repoDigests: [...w.repo_digests], size: int64ToNumber(w.size) };
}

export function filesystemUsageFromWire(w: WireFilesystemUsage): FilesystemUsage {
  return {
    mountpoint: w.fs_id?.mountpoint ?? '',
    usedBytes: int64ToNumber(w.used_bytes?.value),
    inodesUsed: int64ToNumber(w.inodes_used?.value),
  };
}
