/**
 * The unschedulable pool (upstream's unschedulablePods): pods rejected by plugins, waiting for a cluster event
 * that may help them or for podMaxInUnschedulablePodsDuration to pass, and pods a PreEnqueue plugin gates.
 */
import type { QueuedPodInfo } from '../framework/interface.js';
import { queuedPodUid } from './queued-pod.js';

export class UnschedulablePool {
  private readonly pods = new Map<string, QueuedPodInfo>();
  /** Uids of the gated pods, as they were when added (the flag on the pod may change while it is here). */
  private readonly gated = new Set<string>();

  get size(): number {
    return this.pods.size;
  }

  /** Counts split as upstream's pending_pods metric: gated pods apart from unschedulable ones. */
  counts(): { unschedulable: number; gated: number } {
    return { unschedulable: this.pods.size - this.gated.size, gated: this.gated.size };
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.pods.get(uid);
  }

  addOrUpdate(p: QueuedPodInfo): void {
    const uid = queuedPodUid(p);
    this.delete(uid);
    this.pods.set(uid, p);
    if (p.gated) this.gated.add(uid);
  }

  delete(uid: string): QueuedPodInfo | undefined {
    const p = this.pods.get(uid);
    if (!p) return undefined;
    this.pods.delete(uid);
    this.gated.delete(uid);
    return p;
  }

  /** A snapshot: callers may add and delete while they iterate it. */
  list(): QueuedPodInfo[] {
    return [...this.pods.values()];
  }

  /** Pods that have stayed longer than `maxMs` since their last failure (or since they were added). */
  olderThan(now: number, maxMs: number): QueuedPodInfo[] {
    return this.list().filter((p) => now - p.timestamp > maxMs);
  }
}
