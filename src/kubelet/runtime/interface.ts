/**
 * The kubelet's container runtime interface: the subset of the CRI (`runtime.v1` RuntimeService and ImageService)
 * the kubelet uses, with CRI message shapes in TypeScript. Two implementations sit behind it: the fake runtime of
 * the hollow nodes (runtime/fake) and, later, the gRPC CRI client to containerd (issue 5). The kubelet core
 * depends on this file only.
 *
 * Conventions, deliberately uniform across implementations:
 * - Timestamps (createdAt/startedAt/finishedAt) are **milliseconds since the epoch** (numbers; 0 = unset). The CRI
 *   carries nanoseconds as int64: the gRPC client divides by 1e6 when it converts.
 * - Ids are opaque strings; the kubelet reports containers as `<runtimeName>://<id>`.
 * - Every call may reject with a `RuntimeError` (code NotFound for unknown ids, as CRI's gRPC NOT_FOUND);
 *   stop/remove of an unknown id resolve (CRI: "must not return an error if already removed").
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

export interface RuntimeService {
  version(): Promise<VersionResponse>;
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
}

export type RuntimeErrorCode = 'NotFound' | 'Unknown' | 'ResourceExhausted';

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
