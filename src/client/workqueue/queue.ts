/**
 * The core of the work queue: a FIFO of keys with three sets — `dirty` (needs processing), `processing` (handed to
 * a worker, not yet `done`) and the FIFO itself. Rules:
 * - a key already dirty is not queued twice (dedup);
 * - a key being processed is only marked dirty; `done` queues it again, so no two workers ever hold one key;
 * - `get` hands a queued key out at once, or waits; a waiting getter gets the next added key directly;
 * - after `shutDown`, adds are ignored, queued keys are still handed out, and getters get undefined once drained.
 * All O(1) per operation.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { InProgressWork, WorkQueueMetrics } from './metrics.js';

export interface QueueOptions {
  clock: Clock;
  name: string;
  metrics?: WorkQueueMetrics;
}

export class Queue {
  private fifo: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private waiters: ((key: string | undefined) => void)[] = [];
  private closing = false;
  /** Only kept when metrics are on: key → clock ms it became dirty / was handed out. */
  private readonly queuedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private readonly unregister: (() => void) | undefined;

  constructor(protected readonly opts: QueueOptions) {
    this.unregister = opts.metrics?.registerQueue?.(opts.name, () => this.inProgress());
    this.reportDepth();
  }

  get shuttingDown(): boolean {
    return this.closing;
  }

  add(key: string): void {
    if (this.closing || this.dirty.has(key)) return;
    this.dirty.add(key);
    const m = this.opts.metrics;
    if (m) {
      m.adds?.(this.opts.name);
      this.queuedAt.set(key, this.nowMs());
      this.reportDepth();
    }
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  get(): Promise<string | undefined> {
    if (this.head < this.fifo.length) return Promise.resolve(this.handOut(this.dequeue()));
    if (this.closing) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  done(key: string): void {
    if (!this.processing.delete(key)) return;
    const started = this.startedAt.get(key);
    if (started !== undefined) {
      this.startedAt.delete(key);
      this.opts.metrics?.workDurationMs?.(this.opts.name, this.nowMs() - started);
    }
    if (this.dirty.has(key)) this.enqueue(key);
  }

  len(): number {
    return this.fifo.length - this.head;
  }

  shutDown(): void {
    if (this.closing) return;
    this.closing = true;
    this.unregister?.();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(undefined);
  }

  /** Queues a dirty, not-processing key: straight to a waiting getter if there is one. */
  private enqueue(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter(this.handOut(key));
      return;
    }
    this.fifo.push(key);
  }

  private dequeue(): string {
    const key = this.fifo[this.head++]!;
    if (this.head > 1024 && this.head * 2 > this.fifo.length) {
      this.fifo = this.fifo.slice(this.head);
      this.head = 0;
    }
    return key;
  }

  private handOut(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    const m = this.opts.metrics;
    if (m) {
      this.reportDepth();
      const now = this.nowMs();
      const queued = this.queuedAt.get(key);
      this.queuedAt.delete(key);
      if (queued !== undefined) m.queueLatencyMs?.(this.opts.name, now - queued);
      this.startedAt.set(key, now);
    }
    return key;
  }

  private reportDepth(): void {
    this.opts.metrics?.depth?.(this.opts.name, this.dirty.size);
  }

  /** The work in hand now (asked by a metrics provider, at scrape time). */
  private inProgress(): InProgressWork {
    const now = this.nowMs();
    let unfinishedSeconds = 0;
    let longestRunningSeconds = 0;
    for (const started of this.startedAt.values()) {
      const s = (now - started) / 1000;
      unfinishedSeconds += s;
      longestRunningSeconds = Math.max(longestRunningSeconds, s);
    }
    return { unfinishedSeconds, longestRunningSeconds };
  }

  protected nowMs(): number {
    return this.opts.clock.now().getTime();
  }
}
