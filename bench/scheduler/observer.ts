/**
 * The benchmark's own view of the pods, from a watch (an informer: list once, then one watch of every pod of the
 * cluster, as scheduler_perf's pod informer): when each pod was first seen with spec.nodeName set, how many pods
 * were deleted (preemption victims) and how many measured pods got a nominatedNodeName.
 */
import type { Client } from '../../src/client/interface.js';
import { createSharedInformerFactory } from '../../src/client/informer/factory.js';
import { PODS } from '../../src/client/resources.js';
import { realClock } from '../../src/machinery/clock/clock.js';
import type { Logger } from '../../src/machinery/log/logger.js';
import type { PodObject } from '../../src/scheduler/informers.js';

export interface PodObserver {
  /** `namespace/name` → performance.now() when the watch first showed the pod bound. */
  readonly boundAt: Map<string, number>;
  /** Pods the watch saw deleted. */
  deleted(): number;
  /** Pods the watch saw with status.nominatedNodeName (ever). */
  nominated(): number;
  synced(signal: AbortSignal): Promise<boolean>;
}

export function observePods(client: Client, logger: Logger, signal: AbortSignal): PodObserver {
  const informers = createSharedInformerFactory(client, { clock: realClock, logger });
  const pods = informers.informerFor<PodObject>(PODS);
  const boundAt = new Map<string, number>();
  const nominated = new Set<string>();
  let deleted = 0;
  const track = (p: Readonly<PodObject>): void => {
    const key = `${p.metadata?.namespace}/${p.metadata?.name}`;
    if (p.spec?.nodeName && !boundAt.has(key)) boundAt.set(key, performance.now());
    if (p.status?.nominatedNodeName) nominated.add(key);
  };
  pods.addEventHandler({ onAdd: track, onUpdate: (_o, cur) => track(cur), onDelete: () => void deleted++ });
  informers.start(signal);
  return {
    boundAt,
    deleted: () => deleted,
    nominated: () => nominated.size,
    synced: (s) => informers.waitForCacheSync(s),
  };
}
