/**
 * The back-off between killing failed daemon pods on one node (upstream's failedPodsBackoff, a flowcontrol.Backoff
 * of 1 s doubling to 15 min): a pod that keeps failing is not replaced in a hot loop.
 */
import type { Clock } from '../../machinery/clock/clock.js';

const INITIAL_MS = 1000;
const MAX_MS = 15 * 60 * 1000;

export class FailedPodsBackoff {
  private readonly entries = new Map<string, { delayMs: number; lastUpdate: number }>();

  constructor(private readonly clock: Clock) {}

  /** The current delay of `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.delayMs ?? 0;
  }

  /** Starts or doubles the delay of `key`, stamped now; an entry idle for twice the maximum starts over. */
  next(key: string): void {
    const now = this.clock.now().getTime();
    const e = this.entries.get(key);
    if (!e || now - e.lastUpdate > 2 * MAX_MS) this.entries.set(key, { delayMs: INITIAL_MS, lastUpdate: now });
    else this.entries.set(key, { delayMs: Math.min(e.delayMs * 2, MAX_MS), lastUpdate: now });
  }

  /** True while the delay since the last `next` has not passed. */
  inBackoffSinceUpdate(key: string): boolean {
    const e = this.entries.get(key);
    return !!e && this.clock.now().getTime() - e.lastUpdate < e.delayMs;
  }
}

export const failedPodsBackoffKey = (dsUid: string, node: string): string => `${dsUid}/${node}`;
