/**
 * A hollow node: the real kubelet over the fake runtime (runtime/fake) and the fake readiness prober. Many of them
 * live in one process (hollow/cluster.ts), sharing one pod informer through a PodSource.
 */
import type { Taint } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import { Kubelet } from '../kubelet.js';
import { SKIP_HOOKS } from '../lifecycle/hooks.js';
import { DEFAULT_NODE_CAPACITY } from '../nodestatus/node.js';
import { FakeImageService } from '../runtime/fake/images.js';
import { fakeReadinessProber } from '../runtime/fake/readiness.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import type { KubeletOptions, PodSource } from '../types.js';

export interface HollowRuntimeOptions {
  /** Time a started container stays CREATED before RUNNING (default 0). */
  startDelayMs?: number;
}

/**
 * What the node registers with (upstream's kubelet flags --node-labels and --register-with-taints, plus the
 * capacity a real kubelet would read from cAdvisor).
 */
export interface HollowNodeRegistration {
  /** Added to the default labels (kubernetes.io/hostname, kubernetes.io/os, …), overriding them on a clash. */
  labels?: Record<string, string>;
  /** spec.taints of the Node when it is created. */
  taints?: Taint[];
  /** Merged over the default capacity (cpu 8, memory 32Gi, pods 110, …); allocatable equals capacity. */
  capacity?: Record<string, string>;
}

export interface HollowNodeOptions {
  client: Client;
  clock: Clock;
  name: string;
  /** Where pods come from; a lone hollow node may build one from its own informer (podsource/informer.ts). */
  podSource: PodSource;
  /** The node's /24 (default 10.244.0.0/24). */
  podCIDR?: string;
  /** The node's InternalIP (default 10.0.0.1). */
  internalIP?: string;
  runtimeOptions?: HollowRuntimeOptions;
  registration?: HollowNodeRegistration;
  /** Passed through to the kubelet (capacity, labels, frequencies, nodeLister …). */
  kubelet?: Partial<Omit<KubeletOptions, 'client' | 'clock' | 'nodeName' | 'runtime' | 'images' | 'podSource'>>;
  logger?: Logger;
}

export interface HollowNode {
  readonly name: string;
  readonly kubelet: Kubelet;
  readonly runtime: FakeRuntime;
  /** Registers the Node and starts the kubelet's loops; resolves once registered. */
  start(signal: AbortSignal): Promise<void>;
}

export function createHollowNode(o: HollowNodeOptions): HollowNode {
  const podCIDR = o.podCIDR ?? '10.244.0.0/24';
  const runtime = new FakeRuntime({ clock: o.clock, podCIDR, startDelayMs: o.runtimeOptions?.startDelayMs });
  const kubelet = new Kubelet({
    prober: fakeReadinessProber,
    // Fake containers have nothing to exec into or serve: lifecycle hooks are not run on hollow nodes.
    hooks: SKIP_HOOKS,
    logger: o.logger,
    ...o.kubelet,
    node: { podCIDR, internalIP: o.internalIP ?? '10.0.0.1', ...o.kubelet?.node, ...registrationConfig(o.kubelet?.node, o.registration) },
    client: o.client,
    clock: o.clock,
    nodeName: o.name,
    runtime,
    images: new FakeImageService(),
    podSource: o.podSource,
  });
  return { name: o.name, kubelet, runtime, start: (signal) => kubelet.start(signal) };
}

/** The NodeConfig overrides for a registration: labels and capacity merged over what the kubelet options give. */
function registrationConfig(base: NonNullable<HollowNodeOptions['kubelet']>['node'], r: HollowNodeRegistration | undefined): NonNullable<KubeletOptions['node']> {
  if (!r) return {};
  return {
    ...(r.labels ? { labels: { ...base?.labels, ...r.labels } } : {}),
    ...(r.taints ? { taints: r.taints.map((t) => ({ ...t })) } : {}),
    ...(r.capacity ? { capacity: { ...DEFAULT_NODE_CAPACITY, ...base?.capacity, ...r.capacity } } : {}),
  };
}
