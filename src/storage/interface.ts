/**
 * The one storage contract of k8ts: a multi-version key/value store in the style of etcd v3.
 *
 * Revisions
 * - The store has one global, strictly increasing revision. Every successful create, update and delete
 *   produces exactly one new revision, and the value written carries it as its `revision` (the object's
 *   resourceVersion). Revisions are exchanged as decimal strings; only code under `src/storage` may parse them.
 * - Reads are linearizable: a read issued after a write was acknowledged observes that write.
 *
 * Consistency
 * - `update` and `delete` compare-and-swap on the key's current revision: they fail with `ConflictError`
 *   (carrying the current value) when the key changed since `expectedRevision`.
 * - `list` reads one snapshot: every page of a paginated list (same `revision`, `startKey` from the previous page)
 *   sees the store exactly as it was at that revision, whatever was written meanwhile.
 *
 * Watch
 * - `watch(prefix, fromRevision)` delivers every change to a key under `prefix` whose revision is greater than
 *   `fromRevision`, in revision order, each exactly once, with the previous value for MODIFIED and DELETED.
 *   Events committed before the call but after `fromRevision` are replayed first.
 * - A watch from a revision below the compacted revision fails with `CompactedError` (HTTP 410 Gone);
 *   `fromRevision` equal to the compacted revision is fine (every later event is retained).
 * - A watch that cannot go on (compaction, backend failure) ends with one `onError`; it is not resumed silently.
 *   The caller re-watches from the last revision it saw, which delivers every later event exactly once.
 *
 * Compaction
 * - `compact(revision)` drops history older than `revision`; the latest version of every live key is kept.
 *   Reading (`get`/`list` with `revision`) or watching below the compacted revision fails with `CompactedError`;
 *   reading at a revision newer than the current one fails with `FutureRevisionError`.
 * - Backends: SQLite compacts its own log; etcd compaction is cluster-wide (every prefix, every client).
 *
 * Durability
 * - A promise that resolved means the write is durable: it survives `kill -9` of the process.
 */
export interface StoredValue {
  key: string;
  /** Opaque bytes, in practice UTF-8 JSON written by the registry. */
  value: string;
  /** Revision of the write that produced this value (the object's resourceVersion). */
  revision: string;
  /** Revision of the write that created the key (the first version of this incarnation). */
  createRevision: string;
}

export interface GetOptions {
  /** Read the value as of this revision; undefined = latest. */
  revision?: string;
}

export interface ListOptions {
  /** Read at this revision (a snapshot); undefined = latest. The result carries the revision read. */
  revision?: string;
  /** Maximum number of items; 0 or undefined = all. */
  limit?: number;
  /** Start at this key (inclusive); used to continue a previous page. Must be under the prefix. */
  startKey?: string;
}

export interface ListResult {
  items: StoredValue[];
  /** The snapshot revision the list was read at. */
  revision: string;
  /** When `limit` cut the list: the first key of the next page. */
  nextKey?: string;
  /** When `limit` cut the list: how many keys remain after this page (may be approximate for etcd). */
  remaining?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  key: string;
  /** The value after the change; for DELETED, the deleted value with `revision` = the delete's revision. */
  value: StoredValue;
  /** The value before the change (MODIFIED, DELETED). */
  prevValue?: StoredValue;
}

export interface WatchOptions {
  /** Deliver changes with revision > fromRevision. Undefined = from the current revision (only new changes). */
  fromRevision?: string;
  /** Stops the watch; `onError` is not called for an abort. */
  signal: AbortSignal;
}

export interface WatchHandler {
  /** Called with events in revision order; never concurrently with itself. */
  onEvents(events: WatchEvent[]): void;
  /** Called once when the watch cannot go on (CompactedError, StoreUnavailableError …); no events follow. */
  onError(err: Error): void;
}

export interface Store {
  /** Latest (or `opts.revision`) value of a key, or undefined if absent. */
  get(key: string, opts?: GetOptions): Promise<StoredValue | undefined>;
  /** Keys under `prefix` in byte order, from one snapshot. */
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  /** Number of live keys under `prefix` at the latest revision. */
  count(prefix: string): Promise<number>;
  /** Creates a key; `KeyExistsError` when it is present. */
  create(key: string, value: string): Promise<StoredValue>;
  /** Replaces a key if its revision is `expectedRevision`; `NotFoundError` / `ConflictError` otherwise. */
  update(key: string, value: string, expectedRevision: string): Promise<StoredValue>;
  /**
   * Deletes a key (if `expectedRevision` is given, only at that revision); returns the deleted value as it was
   * stored, i.e. with the revision of its last write (the delete's own revision is in the DELETED watch event).
   */
  delete(key: string, expectedRevision?: string): Promise<StoredValue>;
  /** Streams changes under `prefix`; see the contract above. */
  watch(prefix: string, opts: WatchOptions, handler: WatchHandler): void;
  /** The latest revision of the store. */
  currentRevision(): Promise<string>;
  /** The oldest revision still readable (everything below it is compacted); "0" when nothing was compacted. */
  compactedRevision(): Promise<string>;
  /** Drops history below `revision`; a no-op when already compacted that far; `FutureRevisionError` past current. */
  compact(revision: string): Promise<void>;
  /** Releases resources; pending watches end without `onError`. */
  close(): Promise<void>;
}
