/**
 * The kubelet's own types: where pods come from (PodSource, so 1,000 hollow kubelets can share one informer), the
 * readiness prober seam, and the kubelet's options.
 */
import type { Pod, Node } from 'kubernetes-types/core/v1.js';
import type { Client } from '../client/interface.js';
import type { Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
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

/** Readiness of a running container (the kubelet's prober; the hollow node's reads annotations). */
export interface ReadinessProber {
  isReady(pod: Readonly<Pod>, containerName: string, status: Readonly<ContainerStatus>): boolean;
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
  prober?: ReadinessProber;
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
}
