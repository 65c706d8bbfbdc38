/**
 * Pod workers (upstream's pod_workers.go, reduced): one logical worker per pod uid. Updates, runtime events and
 * timers only mark a pod dirty; a pod is synced by at most one async task at a time, and a pod marked dirty while
 * it syncs is synced once more afterwards (level-triggered: the latest pod object wins). After a sync the status
 * is written; a deleted pod whose containers are stopped is removed from the API; a pod gone from the API has its
 * sandboxes removed. Failed syncs retry after 1 s doubling to 1 min. A sync of a live pod is cancelled (its
 * signal aborts: a postStart hook stops waiting) when the pod starts terminating or is removed, so the kill that
 * follows is not held up (upstream's pod worker cancels the running sync the same way).
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { StatusManager } from '../status/manager.js';
import type { PodObject } from '../types.js';
import type { PodSyncer } from './sync.js';

interface Worker {
  pod: Readonly<PodObject>;
  syncing: boolean;
  dirty: boolean;
  removed: boolean;
  failures: number;
  timer?: { cancel(): void };
  /** Cancels the sync in flight, when it is one of a live (not terminating) pod. */
  cancel?: AbortController;
}

export interface PodWorkersOptions {
  clock: Clock;
  syncer: PodSyncer;
  status: StatusManager;
  logger: Logger;
}

export class PodWorkers {
  private readonly workers = new Map<string, Worker>();
  private stopped = false;

  constructor(private readonly o: PodWorkersOptions) {}

  update(pod: Readonly<PodObject>): void {
    const uid = pod.metadata?.uid;
    if (!uid) return;
    const w = this.workers.get(uid);
    if (w) {
      w.pod = pod;
      if (pod.metadata?.deletionTimestamp) w.cancel?.abort();
    } else this.workers.set(uid, { pod, syncing: false, dirty: false, removed: false, failures: 0 });
    this.kick(uid);
  }

  remove(pod: Readonly<PodObject>): void {
    const w = this.workers.get(pod.metadata?.uid ?? '');
    if (!w) return;
    w.removed = true;
    w.cancel?.abort();
    this.kick(pod.metadata!.uid!);
  }

  /** Something changed in the runtime for this pod (PLEG). */
  kick(uid: string): void {
    const w = this.workers.get(uid);
    if (!w || this.stopped) return;
    if (w.syncing) w.dirty = true;
    else void this.run(uid, w);
  }

  get size(): number {
    return this.workers.size;
  }

  stop(): void {
    this.stopped = true;
    for (const w of this.workers.values()) w.timer?.cancel();
  }

  private async run(uid: string, w: Worker): Promise<void> {
    w.syncing = true;
    w.timer?.cancel();
    w.timer = undefined;
    do {
      w.dirty = false;
      try {
        await this.syncOnce(uid, w);
        w.failures = 0;
      } catch (e) {
        const delay = Math.min(1000 * 2 ** w.failures++, 60_000);
        this.o.logger.warn('Error syncing pod, skipping', { pod: podKey(w.pod), err: String(e), retryAfterMs: delay });
        this.schedule(uid, w, delay);
      }
    } while (w.dirty && !this.stopped);
    w.syncing = false;
  }

  private async syncOnce(uid: string, w: Worker): Promise<void> {
    if (w.removed) {
      await this.o.syncer.cleanup(uid);
      this.o.status.forget(uid);
      w.timer?.cancel();
      this.workers.delete(uid);
      return;
    }
    const pod = w.pod;
    w.cancel = pod.metadata?.deletionTimestamp ? undefined : new AbortController();
    let r;
    try {
      r = await this.o.syncer.sync(pod, w.cancel?.signal);
    } finally {
      w.cancel = undefined;
    }
    const exists = await this.o.status.setPodStatus(pod, r.status);
    if (exists && r.stopped && pod.metadata?.deletionTimestamp) await this.o.status.deletePod(pod);
    if (r.requeueAfterMs !== undefined) this.schedule(uid, w, r.requeueAfterMs);
  }

  private schedule(uid: string, w: Worker, ms: number): void {
    if (this.stopped) return;
    w.timer?.cancel();
    w.timer = this.o.clock.setTimeout(() => this.kick(uid), Math.max(0, ms));
  }
}

export const podKey = (pod: Readonly<PodObject>): string => `${pod.metadata?.namespace}/${pod.metadata?.name}`;
