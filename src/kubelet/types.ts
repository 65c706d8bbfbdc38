/**
 * The kubelet's own types: where pods come from (PodSource, so 1,000 hollow kubelets can share one informer), the
 * readiness prober seam, and the kubelet's options.
 */
import type { Pod, Node } from 'kubernetes-types/core/v1.js';
import type { Client } from '../client/interface.js';
import type { EventRecorder } from '../client/record/interface.js';
import type { Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import type { HookRunner } from './lifecycle/hooks.js';
import type { PodConfigSource } from './pod/config/source.js';
import type { PodVolumeManager } from './pod/start.js';
import type { ContainerStatus, ImageService, RuntimeService } from './runtime/interface.js';

/** The kubelet's names for the kubernetes-types objects it handles. */
export type PodObject = Pod;
export type NodeObject = Node;

export interface PodSourceHandler {
  /** A pod bound to the node was added or changed (also on resync). */
  onUpsert(pod: Readonly<Pod>): void;
  /** The pod is gone from the API (deleted for good, not merely marked with a deletionTimestamp). */
  onDelete(pod: Readonly<Pod>): void;
}

/**
 * The pods bound to a node. Objects are readonly (shared caches); clone before changing one. Contract: after
 * `subscribe`, the handler sees every later change of the node's pods in order; `list` gives the current ones.
 */
export interface PodSource {
  list(nodeName: string): readonly Readonly<Pod>[];
  subscribe(nodeName: string, handler: PodSourceHandler): () => void;
  hasSynced(): boolean;
}

/**
 * Readiness and startedness of a container, read by the status generation: the kubelet's prober manager
 * (prober/manager.ts: probe results per container id) or the hollow node's annotation prober.
 */
export interface ReadinessProber {
  isReady(pod: Readonly<Pod>, containerName: string, status: Readonly<ContainerStatus>): boolean;
  /** Whether a running container has started (its startup probe succeeded); absent: every running one has. */
  isStarted?(pod: Readonly<Pod>, containerName: string, status: Readonly<ContainerStatus>): boolean;
}

/** No readiness probes (yet): a running container is ready, as upstream without a readinessProbe. */
export const runningIsReady: ReadinessProber = { isReady: (_p, _n, s) => s.state === 'CONTAINER_RUNNING' };

/** The node's static facts; everything has a default except the name. */
export interface NodeConfig {
  name: string;
  podCIDR?: string;
  internalIP: string;
  hostname: string;
  capacity: Record<string, string>;
  /** Defaults to `capacity`. */
  allocatable?: Record<string, string>;
  labels: Record<string, string>;
  kubeletVersion: string;
  osImage: string;
  kernelVersion: string;
  architecture: string;
  machineID: string;
  systemUUID: string;
  bootID: string;
  kubeletPort: number;
}

export interface KubeletOptions {
  client: Client;
  clock: Clock;
  nodeName: string;
  runtime: RuntimeService;
  images: ImageService;
  podSource: PodSource;
  /**
   * Overrides the kubelet's prober manager (prober/manager.ts, which runs the pods' liveness, readiness and startup
   * probes through the runtime and the network). Hollow nodes pass their annotation prober: no probe is run, a
   * liveness probe never kills.
   */
  prober?: ReadinessProber;
  /** Runs containers' postStart/preStop hooks (default: lifecycle/hooks.ts through the runtime; SKIP_HOOKS: none). */
  hooks?: HookRunner;
  /**
   * Records the kubelet's events (Killing, Unhealthy, ProbeWarning, FailedPostStartHook, FailedPreStopHook);
   * e.g. client/record's createEventRecorder({ component: 'kubelet', host: nodeName }). Default: none recorded.
   */
  recorder?: EventRecorder;
  /** Overrides of the node's facts (capacity, podCIDR, internalIP, labels …). */
  node?: Partial<Omit<NodeConfig, 'name'>>;
  /**
   * The node as the API has it (a shared node informer's lister). With it the status loop sees other writers
   * (the node lifecycle controller's Ready=Unknown) within one period; without it the kubelet trusts its last write.
   */
  nodeLister?: (name: string) => Readonly<NodeObject> | undefined;
  logger?: Logger;
  /** Defaults as upstream: 10 s, 5 min, 40 s, 10 s. */
  nodeStatusUpdateFrequencyMs?: number;
  nodeStatusReportFrequencyMs?: number;
  nodeLeaseDurationSeconds?: number;
  /** Generic PLEG relist period when the runtime has no event stream (default 1 s). */
  plegRelistPeriodMs?: number;
  /**
   * Reads ConfigMaps, Secrets and Services for containers' env/envFrom and service-link variables
   * (pod/config/client-source.ts reads them through the client). Without it (hollow nodes) a non-optional
   * ConfigMap/Secret reference is a CreateContainerConfigError and pods get no service variables.
   */
  configSource?: PodConfigSource;
  /** Cluster DNS servers for ClusterFirst pods (upstream's --cluster-dns); default ['10.96.0.10']; [] = none. */
  clusterDNS?: string[];
  /** The cluster domain (upstream's --cluster-domain); default 'cluster.local'. */
  clusterDomain?: string;
  /**
   * The host's resolv.conf (upstream's --resolv-conf, e.g. '/etc/resolv.conf'), read once at start: the base of
   * dnsPolicy Default pods and the searches appended for ClusterFirst. Unset: Default pods get 127.0.0.1, search `.`.
   */
  resolvConf?: string;
  /**
   * Root of the pods' log directories (as /var/log/pods): each sandbox gets `<podLogsDir>/<ns>_<name>_<uid>` and
   * each container `<container>/<restartCount>.log` in it; the kubelet creates the directories and removes them
   * when the pod is gone. Unset (hollow nodes): no logDirectory/logPath, no file work.
   */
  podLogsDir?: string;
  /**
   * Root of the kubelet's per-pod directories (as /var/lib/kubelet/pods): `<podsDir>/<uid>/etc-hosts` is the
   * managed /etc/hosts mounted into the containers of pods not on the host network. Unset: no hosts file.
   */
  podsDir?: string;
  /**
   * The volume manager (src/kubelet/volume's KubeletVolumes on a real node): pods' volumes set up before their
   * containers, containers' volumeMounts as CRI mounts, teardown when a pod is gone. Unset: no volume mounts.
   */
  volumes?: PodVolumeManager;
}
