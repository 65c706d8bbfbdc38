/**
 * Rate limiters for `addRateLimited`: how long a key waits before it is queued again. The queue combines a per-key
 * exponential backoff (a failing key waits longer each time) with an overall token bucket (many failing keys
 * together cannot flood the API server), taking the larger delay.
 */
import type { Clock } from '../../machinery/clock/clock.js';

export interface RateLimiter {
  /** The delay (ms) before `key` may be retried; counts the attempt. */
  when(key: string): number;
  /** Starts the key over (after a success). */
  forget(key: string): void;
  /** Attempts counted since the last forget. */
  numRequeues(key: string): number;
}

/** baseMs · 2^failures, capped at maxMs: 5, 10, 20, 40 … ms with the defaults. */
export class ItemExponentialLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(private readonly baseMs: number, private readonly maxMs: number) {}

  when(key: string): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    // 2^n overflows to Infinity only past n = 1023; the cap applies long before.
    return Math.min(this.baseMs * 2 ** n, this.maxMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

/**
 * A token bucket of `burst` tokens refilled at `qps` per second. Each call takes a token now or reserves the next
 * free one: with qps 10 and an empty bucket, three calls wait 100, 200 and 300 ms.
 */
export class BucketLimiter implements RateLimiter {
  private tokens: number;
  private lastMs: number;

  constructor(private readonly clock: Clock, private readonly qps: number, private readonly burst: number) {
    this.tokens = burst;
    this.lastMs = clock.now().getTime();
  }

  when(_key: string): number {
    const now = this.clock.now().getTime();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastMs) * this.qps) / 1000);
    this.lastMs = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.qps);
  }

  forget(_key: string): void {}

  numRequeues(_key: string): number {
    return 0;
  }
}

/** The largest delay of several limiters; requeues are the largest count. */
export class MaxOfLimiter implements RateLimiter {
  private readonly limiters: readonly RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.when(key));
    return max;
  }

  forget(key: string): void {
    for (const l of this.limiters) l.forget(key);
  }

  numRequeues(key: string): number {
    let max = 0;
    for (const l of this.limiters) max = Math.max(max, l.numRequeues(key));
    return max;
  }
}
