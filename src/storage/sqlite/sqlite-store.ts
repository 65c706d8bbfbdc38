import type Database from 'better-sqlite3';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  KeyExistsError,
  NotFoundError,
  StorageError,
  StoreUnavailableError,
} from '../errors.js';
import type {
  GetOptions,
  ListOptions,
  ListResult,
  Store,
  StoredValue,
  WatchEvent,
  WatchHandler,
  WatchOptions,
} from '../interface.js';
import { prefixEnd, rangeStart } from '../internal/keys.js';
import { parseRevision } from '../internal/revision.js';
import { rowValue } from './rows.js';
import { type LogRow, openDatabase, Statements } from './schema.js';
import { WatchHub } from './sqlite-watch.js';

export interface SqliteStoreOptions {
  /** A database file (created if missing; its directory must exist) or ':memory:'. */
  path: string;
}

interface WriteOutcome {
  id: number;
  result: StoredValue;
  event: WatchEvent;
}

/** Rows deleted per compaction transaction, so a large compaction never holds the write lock for long. */
const COMPACT_BATCH = 2000;

/**
 * A Store on one SQLite file, in the style of kine (see schema.ts). One process owns a file: the current
 * revision is kept in memory and watches are fed from this instance's writes, so two stores on one file would
 * not see each other's changes. Every method runs synchronously inside better-sqlite3 and returns a settled
 * promise; a write's promise resolves after its transaction committed with synchronous=FULL (durable).
 */
export class SqliteStore implements Store {
  private readonly stmts: Statements;
  private readonly hub: WatchHub;
  /** One transaction wrapper for every write (BEGIN IMMEDIATE: take the write lock up front). */
  private readonly txn: (fn: () => undefined) => undefined;
  /** Writes waiting for the next group commit (see `write`). */
  private pending: { fn: () => WriteOutcome; resolve: (v: StoredValue) => void; reject: (e: Error) => void }[] = [];
  private rev: number;
  private compactRev: number;
  private closed = false;

  private constructor(private readonly db: Database.Database) {
    this.stmts = new Statements(db);
    const txn = db.transaction((fn: () => undefined) => fn());
    this.txn = (fn) => txn.immediate(fn);
    this.rev = this.stmts.sequence.get()?.seq ?? 0;
    this.compactRev = this.stmts.getMeta.get('compact_rev')?.v ?? 0;
    this.hub = new WatchHub({
      stmts: this.stmts,
      currentRevision: () => this.rev,
      compactedRevision: () => this.compactRev,
    });
  }

  static open(opts: SqliteStoreOptions): SqliteStore {
    return new SqliteStore(openDatabase(opts.path));
  }

  get(key: string, opts?: GetOptions): Promise<StoredValue | undefined> {
    return this.run(() => {
      const row =
        opts?.revision === undefined
          ? this.stmts.latest.get(key)
          : this.stmts.latestAt.get(key, this.readableRevision(opts.revision));
      return row && !row.deleted ? rowValue(row) : undefined;
    });
  }

  list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    return this.run(() => {
      const rev = opts.revision === undefined ? this.rev : this.readableRevision(opts.revision);
      const hi = prefixEnd(prefix);
      const which = hi === undefined ? 'unbounded' : 'bounded';
      const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
      const lo = rangeStart(prefix, opts.startKey);
      const rows = this.stmts.list[which].all({ lo, hi, rev, limit: limit > 0 ? limit + 1 : -1 });
      const result: ListResult = { items: rows.slice(0, limit || rows.length).map(rowValue), revision: String(rev) };
      if (limit > 0 && rows.length > limit) {
        const nextKey = rows[limit]!.name;
        result.nextKey = nextKey;
        result.remaining = this.stmts.count[which].get({ lo: nextKey, hi, rev })!.n;
      }
      return result;
    });
  }

  count(prefix: string): Promise<number> {
    return this.run(() => {
      const hi = prefixEnd(prefix);
      const stmt = hi === undefined ? this.stmts.count.unbounded : this.stmts.count.bounded;
      return stmt.get({ lo: prefix, hi, rev: this.rev })!.n;
    });
  }

  create(key: string, value: string): Promise<StoredValue> {
    return this.write(() => {
      const cur = this.stmts.latest.get(key);
      if (cur && !cur.deleted) throw new KeyExistsError(`key ${key} already exists`, key);
      const id = this.insert(key, { created: 1, deleted: 0, createRevision: 0, prev: 0, value });
      const stored = { key, value, revision: String(id), createRevision: String(id) };
      return { id, result: stored, event: { type: 'ADDED', key, value: stored } };
    });
  }

  update(key: string, value: string, expectedRevision: string): Promise<StoredValue> {
    return this.write(() => {
      const expected = parseRevision(expectedRevision, 'expected revision');
      const cur = this.current(key, expected);
      const id = this.insert(key, { created: 0, deleted: 0, createRevision: cur.create_revision, prev: cur.id, value });
      const stored = { key, value, revision: String(id), createRevision: String(cur.create_revision) };
      return { id, result: stored, event: { type: 'MODIFIED', key, value: stored, prevValue: rowValue(cur) } };
    });
  }

  /** Returns the value as it was before the delete (its revision is that of the last write, not the delete's). */
  delete(key: string, expectedRevision?: string): Promise<StoredValue> {
    return this.write(() => {
      const expected = expectedRevision === undefined ? undefined : parseRevision(expectedRevision, 'expected revision');
      const cur = this.current(key, expected);
      const prevValue = rowValue(cur);
      const fields = { created: 0, deleted: 1, createRevision: cur.create_revision, prev: cur.id, value: cur.value };
      const id = this.insert(key, fields);
      const value = { ...prevValue, revision: String(id) };
      return { id, result: prevValue, event: { type: 'DELETED', key, value, prevValue } };
    });
  }

  watch(prefix: string, opts: WatchOptions, handler: WatchHandler): void {
    if (this.closed) {
      setImmediate(() => opts.signal.aborted || handler.onError(new StoreUnavailableError('store is closed')));
      return;
    }
    const from = opts.fromRevision === undefined ? undefined : parseRevision(opts.fromRevision, 'fromRevision');
    this.hub.watch(prefix, from, opts.signal, handler);
  }

  currentRevision(): Promise<string> {
    return this.run(() => String(this.rev));
  }

  /** The revision passed to the last compaction (0 before any): reads and watches need revision ≥ this. */
  compactedRevision(): Promise<string> {
    return this.run(() => String(this.compactRev));
  }

  /**
   * Raises the compacted revision first (durably, so reads, watches and replays below it fail from now on), then
   * deletes superseded rows below it in small transactions, yielding between them so writes interleave.
   */
  async compact(revision: string): Promise<void> {
    const c = parseRevision(revision);
    const from = await this.run(() => {
      if (c > this.rev) throw new FutureRevisionError(`compact revision ${c} is newer than ${this.rev}`);
      const old = this.compactRev;
      if (c <= old) return undefined;
      this.stmts.setMeta.run('compact_rev', c);
      this.compactRev = c;
      return old;
    });
    for (let lo = from ?? c; lo < c && !this.closed; lo += COMPACT_BATCH) {
      const hi = Math.min(lo + COMPACT_BATCH, c);
      await this.run(() => this.stmts.compactRange.run({ lo, hi, c }));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    for (const w of this.pending.splice(0)) w.reject(new StoreUnavailableError('store is closed'));
    this.hub.closeAll();
    this.db.close();
    return Promise.resolve();
  }

  /** Runs a synchronous read; storage errors pass through, anything else means the database failed. */
  private run<T>(fn: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof StorageError ? err : unavailable(err));
    }
  }

  /**
   * Group commit: writes issued in the same turn of the event loop run in ONE transaction (one fsync with
   * synchronous=FULL), each with its own revision and its own compare-and-swap check, in the order they were
   * issued. A write that fails its check (conflict, exists, not found) is rejected alone; the others commit.
   * Every promise settles only after the commit, so an acknowledged write is durable.
   */
  private write(fn: () => WriteOutcome): Promise<StoredValue> {
    if (this.closed) return Promise.reject(new StoreUnavailableError('store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ fn, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    if (this.closed) return batch.forEach((w) => w.reject(new StoreUnavailableError('store is closed')));
    const before = this.rev;
    const outcomes: (WriteOutcome | StorageError)[] = [];
    try {
      this.txn(() => {
        for (const w of batch) outcomes.push(this.attempt(w.fn));
        return undefined;
      });
    } catch (err) {
      this.rev = before;
      return batch.forEach((w) => w.reject(unavailable(err)));
    }
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o instanceof StorageError) return w.reject(o);
      this.hub.publish(o.id, o.event);
      w.resolve(o.result);
    });
  }

  /** One write inside the batch transaction; its revision becomes current for the writes after it. */
  private attempt(fn: () => WriteOutcome): WriteOutcome | StorageError {
    try {
      const o = fn();
      this.rev = o.id;
      return o;
    } catch (err) {
      if (err instanceof StorageError) return err;
      throw err;
    }
  }

  /** The live row of `key` for an update or delete, enforcing `expected` (compare-and-swap). */
  private current(key: string, expected: number | undefined): LogRow {
    const cur = this.stmts.latest.get(key);
    if (!cur || cur.deleted) throw new NotFoundError(`key ${key} not found`, key);
    if (expected !== undefined && cur.id !== expected) {
      throw new ConflictError(`key ${key} is at revision ${cur.id}, not ${expected}`, key, rowValue(cur));
    }
    return cur;
  }

  private insert(
    key: string,
    f: { created: number; deleted: number; createRevision: number; prev: number; value: string },
  ): number {
    const id = this.rev + 1;
    const createRevision = f.created ? id : f.createRevision;
    this.stmts.insert.run(id, key, f.created, f.deleted, createRevision, f.prev, f.value);
    return id;
  }

  /** Validates a read revision: not compacted, not in the future. */
  private readableRevision(revision: string): number {
    const rev = parseRevision(revision);
    if (rev < this.compactRev) throw new CompactedError(revision, String(this.compactRev));
    if (rev > this.rev) throw new FutureRevisionError(`revision ${rev} is newer than ${this.rev}`, undefined);
    return rev;
  }
}

function unavailable(err: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`sqlite: ${err instanceof Error ? err.message : String(err)}`);
}

/** Opens (or creates) a SQLite-backed store; an existing file resumes its revisions and compaction point. */
export function openSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return SqliteStore.open(opts);
}
