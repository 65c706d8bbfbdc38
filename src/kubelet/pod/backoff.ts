/**
 * Container restart backoff (upstream's flowcontrol.Backoff as the kubelet uses it): 10 s doubling to 5 min per
 * pod+container. The first restart is immediate (no entry yet); each restart calls `next`, and a container that
 * exited less than the current backoff ago is "in backoff" (CrashLoopBackOff). An entry idle for twice the maximum
 * starts over, so a container that ran fine for 10 minutes restarts at once again.
 */
export class Backoff {
  private readonly entries = new Map<string, { backoffMs: number; lastUpdate: number }>();

  constructor(
    readonly initialMs = 10_000,
    readonly maxMs = 300_000,
  ) {}

  /** Whether a container that exited at `eventTime` must still wait at `now`. */
  isInBackOffSince(key: string, eventTime: number, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventTime)) return false;
    return now - eventTime < e.backoffMs;
  }

  /**
   * Whether the key was updated (`next`) less than its backoff before `now` (upstream's IsInBackOffSinceUpdate):
   * the image puller's test, where the failure itself is the update.
   */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(e, now)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  /** The current backoff of a key (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /**
   * Records a restart at `now` of something that failed at `eventTime` (default `now`): the backoff starts over
   * when the failure came more than twice the maximum after the last restart (it ran fine for 10 minutes), else
   * it doubles. Judging by the failure's time, not the restart's, matters: a container that crashed 5.5 minutes
   * after its restart and then waited out a 5-minute backoff did not run for 10 minutes.
   */
  next(key: string, now: number, eventTime = now): void {
    const e = this.entries.get(key);
    if (!e || this.expired(e, eventTime)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
    else this.entries.set(key, { backoffMs: Math.min(e.backoffMs * 2, this.maxMs), lastUpdate: now });
  }

  /** Forgets every key of a pod (`<uid>/…`). */
  forgetPod(uid: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(`${uid}/`)) this.entries.delete(k);
  }

  private expired(e: { lastUpdate: number }, t: number): boolean {
    return t - e.lastUpdate > 2 * this.maxMs;
  }
}

/** Go's time.Duration.String for whole seconds and above: `10s`, `1m20s`, `5m0s`. */
export function goDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${s % 60}s` : `${Math.floor(m / 60)}h${m % 60}m${s % 60}s`;
}
