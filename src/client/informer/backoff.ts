/**
 * Waiting on the Clock, for the reflector: an abortable sleep and the relist backoff (0.8 s doubling to 30 s, reset
 * once a list-and-watch cycle has run for a while without failing — the constants of upstream's reflector).
 */
import type { Clock } from '../../machinery/clock/clock.js';

/** Resolves after `ms` on the clock, or at once when the signal aborts (never rejects). */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = clock.setTimeout(done, ms);
    const onAbort = (): void => {
      timer.cancel();
      done();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** A cycle that lasted at least this long before failing starts the backoff over. */
  resetAfterMs?: number;
}

export class RelistBackoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly resetAfterMs: number;
  private currentMs: number;

  constructor(private readonly clock: Clock, opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 800;
    this.maxMs = opts.maxMs ?? 30_000;
    this.resetAfterMs = opts.resetAfterMs ?? 120_000;
    this.currentMs = this.initialMs;
  }

  /** The wait before the next attempt, for a cycle that started at `cycleStartMs` (clock ms) and just failed. */
  next(cycleStartMs: number): number {
    if (this.clock.now().getTime() - cycleStartMs >= this.resetAfterMs) this.currentMs = this.initialMs;
    const delay = this.currentMs;
    this.currentMs = Math.min(this.currentMs * 2, this.maxMs);
    return delay;
  }
}
