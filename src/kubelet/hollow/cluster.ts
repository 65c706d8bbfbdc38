/**
 * The cluster simulator: N hollow nodes in one process (kubemark's hollow nodes, in-process). All kubelets share
 * one pod informer (one list+watch of pods for the whole process, indexed by spec.nodeName) through one PodSource.
 * Node i is `<prefix><i>` with pod CIDR 10.244.0.0/24 + i·256 (10.244.0.0/24, 10.244.1.0/24, … 10.247.231.0/24
 * for i = 999: past 255 the /24s leave the 10.244.0.0/16 default, fine for a simulator that routes nothing) and
 * InternalIP 172.16.0.0 + i + 1.
 */
import { setMaxListeners } from 'node:events';
import type { SharedInformerFactory } from '../../client/informer/interface.js';
import type { Client } from '../../client/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import { informerPodSource } from '../podsource/informer.js';
import { PODS } from '../status/manager.js';
import type { PodObject, PodSource } from '../types.js';
import { createHollowNode, type HollowNode, type HollowNodeOptions } from './node.js';

export interface HollowClusterOptions {
  client: Client;
  clock: Clock;
  nodes: number;
  /** The process's informer factory: the cluster asks it for the pod informer and starts it. */
  informers?: SharedInformerFactory;
  /** Or a ready PodSource (tests); one of the two is required. */
  podSource?: PodSource;
  namePrefix?: string;
  /** Nodes registering at once (default 50). */
  startConcurrency?: number;
  runtimeOptions?: HollowNodeOptions['runtimeOptions'];
  /** Labels, taints and capacity every node registers with. */
  registration?: HollowNodeOptions['registration'];
  kubelet?: HollowNodeOptions['kubelet'];
  logger?: Logger;
}

export interface HollowCluster {
  readonly nodes: readonly HollowNode[];
  /** Stops every kubelet loop (the Nodes and pods stay in the API). */
  stop(): void;
}

const ipv4 = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const BASE_POD = (10 << 24) | (244 << 16);
const BASE_NODE = (172 << 24) | (16 << 16);

export const hollowPodCIDR = (i: number): string => `${ipv4((BASE_POD + i * 256) >>> 0)}/24`;
export const hollowInternalIP = (i: number): string => ipv4((BASE_NODE + i + 1) >>> 0);

/** Creates and starts the nodes; resolves once every node is registered (or the signal aborted). */
export async function startHollowCluster(o: HollowClusterOptions, signal: AbortSignal): Promise<HollowCluster> {
  const podSource = o.podSource ?? sharedPodSource(o, signal);
  const prefix = o.namePrefix ?? 'hollow-node-';
  const nodes = Array.from({ length: o.nodes }, (_, i) =>
    createHollowNode({
      client: o.client,
      clock: o.clock,
      name: `${prefix}${i}`,
      podSource,
      podCIDR: hollowPodCIDR(i),
      internalIP: hollowInternalIP(i),
      runtimeOptions: o.runtimeOptions,
      registration: o.registration,
      kubelet: o.kubelet,
      logger: o.logger,
    }),
  );
  const inner = new AbortController();
  setMaxListeners(0, inner.signal); // every kubelet's loops listen on it
  const stop = () => inner.abort();
  signal.addEventListener('abort', stop, { once: true });
  let next = 0;
  const lane = async () => {
    while (next < nodes.length && !inner.signal.aborted) await nodes[next++]!.start(inner.signal);
  };
  await Promise.all(Array.from({ length: Math.min(o.startConcurrency ?? 50, nodes.length) }, lane));
  return { nodes, stop };
}

function sharedPodSource(o: HollowClusterOptions, signal: AbortSignal): PodSource {
  if (!o.informers) throw new Error('startHollowCluster: give informers or a podSource');
  const source = informerPodSource(o.informers.informerFor<PodObject>(PODS));
  o.informers.start(signal);
  return source;
}
