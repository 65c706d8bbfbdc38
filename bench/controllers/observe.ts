/**
 * The orchestrator's view of the cluster, from informers of its own (one more list+watch of nodes, of the bench
 * namespace's pods and of its Deployments, on the API server): how many hollow nodes are Ready, and for the pods
 * when each was first seen, bound, and Running with Ready=True.
 */
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Client } from '../../src/client/interface.js';
import { createSharedInformerFactory } from '../../src/client/informer/factory.js';
import { DEPLOYMENTS, NODES, PODS } from '../../src/client/resources.js';
import { realClock } from '../../src/machinery/clock/clock.js';
import type { Logger } from '../../src/machinery/log/logger.js';
import type { NodeObject, PodObject } from '../../src/kubelet/types.js';

type Cond = { type?: string; status?: string };
const ready = (conds: readonly Cond[] | undefined): boolean => !!conds?.some((c) => c.type === 'Ready' && c.status === 'True');

export interface Observer {
  readyNodes(): number;
  /** Pods ever seen in the namespace, bound (spec.nodeName set) and Running+Ready, with the time (performance.now) each count last grew. */
  readonly pods: { seen: number; bound: number; running: number };
  /** performance.now() of every pod's first sighting, in order (for the creation rate). */
  readonly seenAt: number[];
  /** performance.now() of every pod's first sighting with spec.nodeName set, in order (for the scheduling rate). */
  readonly boundAt: number[];
  availableReplicas(name: string): number;
}

export function observe(client: Client, namespace: string, logger: Logger, signal: AbortSignal): Observer {
  const informers = createSharedInformerFactory(client, { clock: realClock, logger });
  const nodes = informers.informerFor<NodeObject>(NODES);
  const pods = informers.informerFor<PodObject>(PODS, { namespace });
  const deployments = informers.informerFor<Deployment>(DEPLOYMENTS, { namespace });
  const counts = { seen: 0, bound: 0, running: 0 };
  const seenAt: number[] = [];
  const boundAt: number[] = [];
  const seen = new Set<string>();
  const bound = new Set<string>();
  const running = new Set<string>();
  const track = (p: Readonly<PodObject>): void => {
    const name = p.metadata?.name ?? '';
    if (!seen.has(name)) {
      seen.add(name);
      seenAt.push(performance.now());
      counts.seen = seen.size;
    }
    if (p.spec?.nodeName && !bound.has(name)) {
      bound.add(name);
      boundAt.push(performance.now());
      counts.bound = bound.size;
    }
    const isRunning = p.status?.phase === 'Running' && ready(p.status?.conditions as Cond[] | undefined);
    if (isRunning !== running.has(name)) {
      if (isRunning) running.add(name);
      else running.delete(name);
      counts.running = running.size;
    }
  };
  pods.addEventHandler({ onAdd: track, onUpdate: (_o, cur) => track(cur) });
  informers.start(signal);
  return {
    readyNodes: () => nodes.lister.list().filter((n) => ready(n.status?.conditions as Cond[] | undefined)).length,
    pods: counts,
    seenAt,
    boundAt,
    availableReplicas: (name) => deployments.lister.get(namespace, name)?.status?.availableReplicas ?? 0,
  };
}
