/** Helpers for the queue's tests (and the runtime's): a queue on a FakeClock with PrioritySort's order. */
import { FakeClock } from '../../machinery/clock/clock.js';
import type { QueuedPodInfo } from '../framework/interface.js';
import type { PriorityQueueOptions } from './options.js';
import { PriorityQueue } from './queue.js';

/** PrioritySort: higher spec.priority first, then the earlier queue timestamp. */
export function prioritySortLess(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
  const pa = a.podInfo.pod.spec?.priority ?? 0;
  const pb = b.podInfo.pod.spec?.priority ?? 0;
  return pa > pb || (pa === pb && a.timestamp < b.timestamp);
}

export function newTestQueue(o: Partial<PriorityQueueOptions> = {}): { q: PriorityQueue; clock: FakeClock } {
  const clock = new FakeClock();
  const q = new PriorityQueue({ less: prioritySortLess, clock, ...o });
  return { q, clock };
}

/** The pod pop() hands out now, or undefined when activeQ is empty (no pop() is left waiting). */
export async function popNow(q: PriorityQueue): Promise<QueuedPodInfo | undefined> {
  return q.counts().active > 0 ? q.pop() : undefined;
}

/** Fails an attempt as the runtime does: the rejecting plugins are recorded, then the pod goes back. */
export function failAttempt(q: PriorityQueue, p: QueuedPodInfo, rejected: string[] = [], pending: string[] = []): void {
  for (const x of rejected) p.unschedulablePlugins.add(x);
  for (const x of pending) p.pendingPlugins.add(x);
  q.addUnschedulableIfNotPresent(p, q.schedulingCycle());
}

export const names = (q: PriorityQueue): string[] => q.pendingPods().map((p) => p.metadata?.name ?? '').sort();
