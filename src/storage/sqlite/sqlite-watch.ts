import { CompactedError, StoreUnavailableError } from '../errors.js';
import type { WatchEvent, WatchHandler } from '../interface.js';
import { prefixEnd } from '../internal/keys.js';
import { WatchSink } from '../internal/watch-sink.js';
import { rowEvent } from './rows.js';
import type { EventRow, Statements } from './schema.js';

/** What the hub needs to know about the store; read synchronously so replay and live stitch within one tick. */
export interface LogView {
  readonly stmts: Statements;
  currentRevision(): number;
  compactedRevision(): number;
}

interface Watcher {
  prefix: string;
  /** Revision of the last event queued (or, once live, the revision the watcher is caught up to). */
  cursor: number;
  live: boolean;
  sink: WatchSink;
}

/** Rows read per replay step; between steps the replay yields until the handler consumed the previous batch. */
export const REPLAY_CHUNK = 256;

/**
 * In-process fan-out of committed writes plus replay from the log.
 *
 * Stitching: a watcher starts in replay mode and ignores live publishes. Each replay step reads, in one
 * synchronous statement, up to REPLAY_CHUNK log rows after its cursor. Writes are synchronous too, so when a step
 * returns fewer rows than asked, the log holds nothing newer than the store's current revision at that instant;
 * the watcher switches to live in the same tick, and every later publish has a greater revision. Hence no gap and
 * no duplicate. Compaction raises the compacted revision before it deletes anything, and each step checks it first.
 */
export class WatchHub {
  private readonly watchers = new Set<Watcher>();

  constructor(private readonly log: LogView) {}

  watch(prefix: string, fromRevision: number | undefined, signal: AbortSignal, handler: WatchHandler): void {
    const current = this.log.currentRevision();
    const w: Watcher = {
      prefix,
      cursor: fromRevision ?? current,
      live: fromRevision === undefined || fromRevision >= current,
      sink: new WatchSink(handler, signal, () => this.watchers.delete(w)),
    };
    this.watchers.add(w);
    if (fromRevision !== undefined && fromRevision < this.log.compactedRevision()) {
      w.sink.fail(new CompactedError(String(fromRevision), String(this.log.compactedRevision())));
      return;
    }
    if (!w.live) void this.replay(w).catch((err: unknown) => w.sink.fail(asError(err)));
  }

  /** Called synchronously right after a write committed. */
  publish(revision: number, event: WatchEvent): void {
    for (const w of this.watchers) {
      if (!w.live || revision <= w.cursor || !event.key.startsWith(w.prefix)) continue;
      w.cursor = revision;
      w.sink.push(event);
    }
  }

  /** Ends every watch without an error (store close). */
  closeAll(): void {
    for (const w of [...this.watchers]) w.sink.end();
  }

  private async replay(w: Watcher): Promise<void> {
    const hi = prefixEnd(w.prefix);
    const stmt = hi === undefined ? this.log.stmts.events.unbounded : this.log.stmts.events.bounded;
    while (!w.sink.closed) {
      const compacted = this.log.compactedRevision();
      if (w.cursor < compacted) throw new CompactedError(String(w.cursor), String(compacted));
      const rows: EventRow[] = stmt.all({ after: w.cursor, lo: w.prefix, hi, limit: REPLAY_CHUNK });
      for (const row of rows) w.sink.push(rowEvent(row));
      if (rows.length < REPLAY_CHUNK) {
        w.cursor = Math.max(w.cursor, this.log.currentRevision());
        w.live = true;
        return;
      }
      w.cursor = rows[rows.length - 1]!.id;
      await w.sink.drained();
    }
  }
}

function asError(err: unknown): Error {
  if (err instanceof CompactedError) return err;
  return new StoreUnavailableError(`watch replay failed: ${err instanceof Error ? err.message : String(err)}`);
}
