/**
 * The backoff queue (upstream's backoffQueue): pods wait here after a failed attempt until their backoff expires,
 * then the queue's flush moves them to activeQ. The backoff of a pod is podInitialBackoff · 2^(attempts-1) capped at
 * podMaxBackoff, counted from its last failure (QueuedPodInfo.timestamp): with the defaults 1 s, 2 s, 4 s, 8 s, 10 s,
 * 10 s … for attempts 1, 2, 3 …; a pod never attempted has none.
 *
 * As upstream 1.33, pods whose last attempt ended in an error (no plugin rejected them) are kept apart from those
 * rejected by plugins: only the latter may be popped early when activeQ is empty (SchedulerPopFromBackoffQ); an
 * error always serves its whole backoff, which is what rate-limits retries against a failing API server.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { QueuedPodInfo } from '../framework/interface.js';
import { Heap } from './heap.js';
import { queuedPodUid } from './queued-pod.js';

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;

/** initial · 2^(attempts-1), capped at max; 0 for a pod never attempted. */
export function backoffDurationMs(attempts: number, initialMs: number, maxMs: number): number {
  if (attempts <= 0) return 0;
  let d = initialMs;
  // Doubling by addition, stopping at the cap: never overflows even for a huge max.
  for (let i = 1; i < attempts; i++) {
    if (d > maxMs - d) return maxMs;
    d += d;
  }
  return Math.min(d, maxMs);
}

/** A failure that no plugin claimed (Error status, API error): nothing but time can resolve it. */
export const isErrorBackoff = (p: QueuedPodInfo): boolean => p.unschedulablePlugins.size === 0 && p.pendingPlugins.size === 0;

export class BackoffQueue {
  /** Pods rejected by plugins, and pods that failed with an error; both by backoff expiry. */
  private readonly rejected: Heap<QueuedPodInfo>;
  private readonly errored: Heap<QueuedPodInfo>;

  constructor(
    private readonly clock: Clock,
    private readonly initialMs = DEFAULT_POD_INITIAL_BACKOFF_MS,
    private readonly maxMs = DEFAULT_POD_MAX_BACKOFF_MS,
  ) {
    const byExpiry = (a: QueuedPodInfo, b: QueuedPodInfo): boolean => this.expiry(a) < this.expiry(b);
    this.rejected = new Heap(queuedPodUid, byExpiry);
    this.errored = new Heap(queuedPodUid, byExpiry);
  }

  /** When the pod's backoff ends (ms, clock time). */
  expiry(p: QueuedPodInfo): number {
    return p.timestamp + backoffDurationMs(p.attempts, this.initialMs, this.maxMs);
  }

  isBackingOff(p: QueuedPodInfo): boolean {
    return this.expiry(p) > this.clock.now().getTime();
  }

  get size(): number {
    return this.rejected.size + this.errored.size;
  }

  has(uid: string): boolean {
    return this.rejected.has(uid) || this.errored.has(uid);
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.rejected.get(uid) ?? this.errored.get(uid);
  }

  /** Adds or updates the pod (in the heap of its kind; an update keeps the kind it had). */
  addOrUpdate(p: QueuedPodInfo): void {
    const uid = queuedPodUid(p);
    if (this.rejected.has(uid)) return this.rejected.addOrUpdate(p);
    if (this.errored.has(uid)) return this.errored.addOrUpdate(p);
    (isErrorBackoff(p) ? this.errored : this.rejected).addOrUpdate(p);
  }

  delete(uid: string): QueuedPodInfo | undefined {
    return this.rejected.delete(uid) ?? this.errored.delete(uid);
  }

  /** Removes and returns every pod whose backoff has ended, earliest first per kind. */
  popCompleted(): QueuedPodInfo[] {
    const now = this.clock.now().getTime();
    const out: QueuedPodInfo[] = [];
    for (const h of [this.rejected, this.errored]) {
      for (let head = h.peek(); head && this.expiry(head) <= now; head = h.peek()) out.push(h.pop()!);
    }
    return out;
  }

  /** The plugin-rejected pod whose backoff ends first, taken before it ends (SchedulerPopFromBackoffQ). */
  popEarly(): QueuedPodInfo | undefined {
    return this.rejected.pop();
  }

  hasEarly(): boolean {
    return this.rejected.size > 0;
  }

  list(): QueuedPodInfo[] {
    return [...this.rejected.list(), ...this.errored.list()];
  }
}
