/**
 * The kubelet's container runtime interface: the subset of the CRI (`runtime.v1` RuntimeService and ImageService)
 * the kubelet uses, with CRI message shapes in TypeScript. Two implementations sit behind it: the fake runtime of
 * the hollow nodes (runtime/fake) and the gRPC CRI client (runtime/cri, e.g. to the containerd that
 * runtime/containerd starts). The kubelet core depends on this file only.
 *
 * Conventions, deliberately uniform across implementations:
 * - Timestamps (createdAt/startedAt/finishedAt) are **milliseconds since the epoch** (numbers; 0 = unset). The CRI
 *   carries nanoseconds as int64: the gRPC client divides by 1e6 when it converts.
 * - Ids are opaque strings; the kubelet reports containers as `<runtimeName>://<id>`.
 * - Every call may reject with a `RuntimeError` whose code is the gRPC status name (NotFound for unknown ids,
 *   DeadlineExceeded when a call or an ExecSync outlives its deadline, Unavailable when the runtime is down);
 *   stop/remove of an unknown id resolve (CRI: "must not return an error if already removed").
 * - Optional members are what a real runtime has and the fake one does not (processes to exec into, cgroups, log
 *   files); a caller that finds one missing answers "unsupported" loudly (HTTP 501), never silently.
 */

export interface PodSandboxMetadata {
  name: string;
  uid: string;
  namespace: string;
  attempt: number;
}

export interface ContainerMetadata {
  name: string;
  attempt: number;
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface PodSandboxConfig {
  metadata: PodSandboxMetadata;
  hostname?: string;
  /** The pod's labels and annotations (the fake runtime reads its `k8ts.io/fake-*` annotations from here). */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The node's pod CIDR, as the CNI gets it. */
  podCidr?: string;
  /** Host directory of the pod's container logs (`/var/log/pods/<ns>_<name>_<uid>`); the kubelet creates it. */
  logDirectory?: string;
  dnsConfig?: DNSConfig;
  portMappings?: PortMapping[];
  linux?: LinuxPodSandboxConfig;
}

export interface DNSConfig {
  servers: string[];
  searches: string[];
  options: string[];
}

export interface PortMapping {
  protocol: 'TCP' | 'UDP' | 'SCTP';
  containerPort: number;
  hostPort?: number;
  hostIp?: string;
}

/** POD: shared by the pod's containers; CONTAINER: the container's own; NODE: the host's (hostNetwork, hostPID…). */
export type NamespaceMode = 'POD' | 'CONTAINER' | 'NODE' | 'TARGET';

export interface NamespaceOption {
  network?: NamespaceMode;
  pid?: NamespaceMode;
  ipc?: NamespaceMode;
  targetId?: string;
}

export interface LinuxPodSandboxConfig {
  cgroupParent?: string;
  securityContext?: {
    /** `network: 'NODE'` is a hostNetwork pod: no CNI, and the sandbox config must carry no hostname. */
    namespaceOptions?: NamespaceOption;
    privileged?: boolean;
    runAsUser?: number;
    runAsGroup?: number;
    readonlyRootfs?: boolean;
    supplementalGroups?: number[];
  };
  sysctls?: Record<string, string>;
}

/** CRI LinuxContainerResources; 0 / absent = not specified. */
export interface LinuxContainerResources {
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuShares?: number;
  memoryLimitInBytes?: number;
  oomScoreAdj?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
}

export interface LinuxContainerSecurityContext {
  capabilities?: { addCapabilities: string[]; dropCapabilities: string[] };
  privileged?: boolean;
  namespaceOptions?: NamespaceOption;
  runAsUser?: number;
  runAsGroup?: number;
  runAsUsername?: string;
  readonlyRootfs?: boolean;
  supplementalGroups?: number[];
  noNewPrivs?: boolean;
  maskedPaths?: string[];
  readonlyPaths?: string[];
}

export interface Mount {
  containerPath: string;
  hostPath: string;
  readonly?: boolean;
  propagation?: 'PROPAGATION_PRIVATE' | 'PROPAGATION_HOST_TO_CONTAINER' | 'PROPAGATION_BIDIRECTIONAL';
}

export type PodSandboxState = 'SANDBOX_READY' | 'SANDBOX_NOTREADY';

export interface PodSandbox {
  id: string;
  metadata: PodSandboxMetadata;
  state: PodSandboxState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface PodSandboxStatus extends PodSandbox {
  /** The primary IP first (CRI's network.ip + additionalIps). Empty once the network is torn down. */
  network: { ip: string; additionalIps: string[] };
}

export interface PodSandboxFilter {
  id?: string;
  state?: PodSandboxState;
  /** CRI filters by the `io.kubernetes.pod.uid` label; this is that filter, typed. */
  podUid?: string;
}

export interface ImageSpec {
  image: string;
}

export interface ContainerConfig {
  metadata: ContainerMetadata;
  image: ImageSpec;
  command: string[];
  args: string[];
  workingDir?: string;
  envs: KeyValue[];
  labels: Record<string, string>;
  annotations: Record<string, string>;
  mounts?: Mount[];
  /** Relative to the sandbox's logDirectory (`<container>/<restartCount>.log`); its directory must exist. */
  logPath?: string;
  stdin?: boolean;
  stdinOnce?: boolean;
  tty?: boolean;
  linux?: { resources?: LinuxContainerResources; securityContext?: LinuxContainerSecurityContext };
}

export type ContainerState = 'CONTAINER_CREATED' | 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' | 'CONTAINER_UNKNOWN';

export interface Container {
  id: string;
  podSandboxId: string;
  metadata: ContainerMetadata;
  image: ImageSpec;
  /** The resolved image reference (digest form when known). */
  imageRef: string;
  state: ContainerState;
  createdAt: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface ContainerStatus extends Container {
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** Brief reason of the exit ("Completed", "Error", "OOMKilled") when EXITED. */
  reason: string;
  message: string;
  /** Absolute path of the container's log file (real runtimes only). */
  logPath?: string;
}

export interface ContainerFilter {
  id?: string;
  state?: ContainerState;
  podSandboxId?: string;
  podUid?: string;
}

/** CRI GetContainerEvents (evented PLEG): a container of a pod changed state. */
export interface ContainerEvent {
  containerId: string;
  type: 'CONTAINER_CREATED_EVENT' | 'CONTAINER_STARTED_EVENT' | 'CONTAINER_STOPPED_EVENT' | 'CONTAINER_DELETED_EVENT';
  podSandboxMetadata: PodSandboxMetadata;
  createdAt: number;
}

export interface VersionResponse {
  runtimeName: string;
  runtimeVersion: string;
  runtimeApiVersion: string;
}

/** CRI RuntimeStatus: conditions RuntimeReady and NetworkReady are the required ones (node readiness). */
export interface RuntimeCondition {
  type: string;
  status: boolean;
  reason: string;
  message: string;
}

export interface ExecSyncResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

export interface ExecRequest {
  containerId: string;
  cmd: string[];
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface AttachRequest {
  containerId: string;
  tty: boolean;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
}

export interface RuntimeService {
  version(): Promise<VersionResponse>;
  /** The runtime's conditions (RuntimeReady, NetworkReady). */
  status(): Promise<RuntimeCondition[]>;
  runPodSandbox(config: PodSandboxConfig): Promise<string>;
  /** Stops every container of the sandbox and tears down its network (the IP is released). */
  stopPodSandbox(id: string): Promise<void>;
  removePodSandbox(id: string): Promise<void>;
  podSandboxStatus(id: string): Promise<PodSandboxStatus>;
  listPodSandbox(filter?: PodSandboxFilter): Promise<PodSandbox[]>;
  createContainer(podSandboxId: string, config: ContainerConfig, sandboxConfig: PodSandboxConfig): Promise<string>;
  /** Resolves when the runtime has started the process (the fake may keep it CREATED until its start delay). */
  startContainer(id: string): Promise<void>;
  /** SIGTERM, then SIGKILL after `timeoutSeconds`; resolves once the container has exited. */
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  containerStatus(id: string): Promise<ContainerStatus>;
  listContainers(filter?: ContainerFilter): Promise<Container[]>;
  /**
   * Optional event stream (CRI GetContainerEvents). When present the kubelet syncs pods on events and relists
   * rarely; without it the kubelet polls (generic PLEG). Returns the unsubscribe function.
   */
  subscribeContainerEvents?(handler: (e: ContainerEvent) => void): () => void;
  /**
   * Runs a command in a running container and waits for it (exec probes, lifecycle hooks). A non-zero exit is a
   * result, not an error; past `timeoutSeconds` (0 = no limit) it rejects with code DeadlineExceeded.
   */
  execSync?(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecSyncResult>;
  /** Streaming endpoints: each resolves with a single-use URL on the runtime's stream server. */
  exec?(req: ExecRequest): Promise<string>;
  attach?(req: AttachRequest): Promise<string>;
  portForward?(podSandboxId: string, ports: number[]): Promise<string>;
  updateContainerResources?(containerId: string, resources: LinuxContainerResources): Promise<void>;
}

export interface Image {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  size: number;
}

export interface ImageService {
  /** Resolves with the image reference (digest form). */
  pullImage(image: ImageSpec, sandboxConfig?: PodSandboxConfig): Promise<string>;
  /** undefined when the image is not present. */
  imageStatus(image: ImageSpec): Promise<Image | undefined>;
  listImages(): Promise<Image[]>;
  /** Idempotent: removing an absent image resolves. */
  removeImage?(image: ImageSpec): Promise<void>;
  /** Bytes and inodes used by images, per filesystem (image GC thresholds). */
  imageFsInfo?(): Promise<FilesystemUsage[]>;
}

export interface FilesystemUsage {
  mountpoint: string;
  usedBytes: number;
  inodesUsed: number;
}

/** The gRPC status names (a CRI runtime answers with these); the fake uses NotFound, Unknown, ResourceExhausted. */
export type RuntimeErrorCode =
  | 'Cancelled'
  | 'Unknown'
  | 'InvalidArgument'
  | 'DeadlineExceeded'
  | 'NotFound'
  | 'AlreadyExists'
  | 'PermissionDenied'
  | 'ResourceExhausted'
  | 'FailedPrecondition'
  | 'Aborted'
  | 'OutOfRange'
  | 'Unimplemented'
  | 'Internal'
  | 'Unavailable'
  | 'DataLoss'
  | 'Unauthenticated';

export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

export const isRuntimeNotFound = (e: unknown): boolean => e instanceof RuntimeError && e.code === 'NotFound';

/** The CRI label keys the kubelet sets on sandboxes and containers (as upstream's kuberuntime labels). */
export const LABEL_POD_NAME = 'io.kubernetes.pod.name';
export const LABEL_POD_NAMESPACE = 'io.kubernetes.pod.namespace';
export const LABEL_POD_UID = 'io.kubernetes.pod.uid';
export const LABEL_CONTAINER_NAME = 'io.kubernetes.container.name';
/** Set to "true" on init containers' configs (the fake runtime applies pod-level behaviour to app containers only). */
export const ANNOTATION_INIT_CONTAINER = 'k8ts.io/init-container';
