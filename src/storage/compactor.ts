import type { Store } from './interface.js';
import { parseRevision } from './internal/revision.js';

export interface CompactorOptions {
  /** History younger than this is never compacted (default 5 minutes). */
  minRetentionMs?: number;
  /** At least this many of the latest revisions are never compacted (default 1,000). */
  minRetainedRevisions?: number;
  /** How often `tick` runs once started (default 60 s). */
  intervalMs?: number;
  /** Wall clock in ms; injectable for tests (default Date.now). */
  now?: () => number;
  /** Called when a tick fails; the compactor keeps running (default: ignore). */
  onError?: (err: unknown) => void;
}

interface Sample {
  at: number;
  revision: number;
}

/**
 * Compacts a Store in the background while keeping at least the last `minRetentionMs` of history and the last
 * `minRetainedRevisions` revisions. Each tick samples the current revision with the time; the target is the newest
 * sample at least `minRetentionMs` old (all history after it is younger than the window), capped at
 * current − minRetainedRevisions. So the guarantee holds with a delay of up to one interval, never the other way.
 */
export class Compactor {
  private samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly retentionMs: number;
  private readonly retainedRevisions: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<Store, 'currentRevision' | 'compactedRevision' | 'compact'>,
    private readonly opts: CompactorOptions = {},
  ) {
    this.retentionMs = opts.minRetentionMs ?? 5 * 60_000;
    this.retainedRevisions = opts.minRetainedRevisions ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 60_000);
    this.timer.unref();
  }

  /** Stops the timer and waits for a compaction in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sampling + compaction step; returns the revision compacted to, if any. Ticks never overlap. */
  async tick(): Promise<number | undefined> {
    if (this.running) return undefined;
    let target: number | undefined;
    this.running = this.step().then(
      (t) => void (target = t),
      (err: unknown) => this.opts.onError?.(err),
    );
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
    return target;
  }

  private async step(): Promise<number | undefined> {
    const at = this.now();
    const current = parseRevision(await this.store.currentRevision());
    this.samples.push({ at, revision: current });
    const old = this.samples.filter((s) => s.at <= at - this.retentionMs);
    if (old.length === 0) return undefined;
    const newestOld = old[old.length - 1]!;
    this.samples = this.samples.filter((s) => s.at >= newestOld.at);
    const target = Math.min(newestOld.revision, current - this.retainedRevisions);
    const compacted = parseRevision(await this.store.compactedRevision());
    if (target <= compacted || target <= 0) return undefined;
    await this.store.compact(String(target));
    return target;
  }
}

/** Creates a Compactor with `opts` and starts it; call `stop()` on shutdown. */
export function startCompactor(
  store: Pick<Store, 'currentRevision' | 'compactedRevision' | 'compact'>,
  opts: CompactorOptions = {},
): Compactor {
  const compactor = new Compactor(store, opts);
  compactor.start();
  return compactor;
}
