/**
 * The controllers' WorkQueue: the deduplicating Queue plus delayed adds on the Clock and rate-limited retries.
 *
 * Delayed adds are deduplicated too: a key waiting to be added keeps only its earliest due time (an `addAfter` of
 * 10 s for a key already due in 1 s changes nothing; one of 1 s for a key due in 10 s moves it earlier). Keys come
 * due in the order of their due times (ties in call order). `shutDown` drops delayed keys.
 */
import { realClock, type Clock } from '../../machinery/clock/clock.js';
import type { WorkQueue } from './interface.js';
import type { WorkQueueMetrics } from './metrics.js';
import { Queue } from './queue.js';
import { BucketLimiter, ItemExponentialLimiter, MaxOfLimiter, type RateLimiter } from './rate-limiter.js';

export interface RateLimitingQueueOptions {
  clock?: Clock;
  /** Names the queue in metrics and logs (the controller's name). */
  name: string;
  /** Per-key backoff: baseDelayMs · 2^requeues, capped at maxDelayMs (defaults 5 ms and 1000 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Overall token bucket (defaults 10/s, burst 100). */
  qps?: number;
  burst?: number;
  /** Replaces the default limiter (the options above are then unused). */
  rateLimiter?: RateLimiter;
  metrics?: WorkQueueMetrics;
}

export class RateLimitingQueue extends Queue implements WorkQueue {
  private readonly limiter: RateLimiter;
  private readonly waiting = new Map<string, { at: number; timer: { cancel(): void } }>();

  constructor(opts: RateLimitingQueueOptions) {
    const clock = opts.clock ?? realClock;
    super({ clock, name: opts.name, ...(opts.metrics ? { metrics: opts.metrics } : {}) });
    this.limiter =
      opts.rateLimiter ??
      new MaxOfLimiter(
        new ItemExponentialLimiter(opts.baseDelayMs ?? 5, opts.maxDelayMs ?? 1_000_000),
        new BucketLimiter(clock, opts.qps ?? 10, opts.burst ?? 100),
      );
  }

  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    this.opts.metrics?.retries?.(this.opts.name);
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const at = this.nowMs() + ms;
    const pending = this.waiting.get(key);
    if (pending && pending.at <= at) return;
    pending?.timer.cancel();
    const timer = this.opts.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, ms);
    this.waiting.set(key, { at, timer });
  }

  addRateLimited(key: string): void {
    this.addAfter(key, this.limiter.when(key));
  }

  forget(key: string): void {
    this.limiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.limiter.numRequeues(key);
  }

  override shutDown(): void {
    for (const { timer } of this.waiting.values()) timer.cancel();
    this.waiting.clear();
    super.shutDown();
  }
}

export function createRateLimitingQueue(opts: RateLimitingQueueOptions): RateLimitingQueue {
  return new RateLimitingQueue(opts);
}
