/**
 * PrioritySort (upstream's queuesort plugin): activeQ pops the pod with the highest spec.priority first, and among
 * equal priorities the one that entered the queue first.
 */
import type { QueuedPodInfo, QueueSortPlugin } from '../../framework/interface.js';
import type { P } from '../../framework/types.js';

export const NAME = 'PrioritySort';

/** spec.priority, 0 when unset (the admission plugin normally resolves it from the PriorityClass). */
export const podPriority = (p: P): number => p.spec?.priority ?? 0;

export class PrioritySort implements QueueSortPlugin {
  readonly name = NAME;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const p1 = podPriority(a.podInfo.pod);
    const p2 = podPriority(b.podInfo.pod);
    return p1 > p2 || (p1 === p2 && a.timestamp < b.timestamp);
  }
}
