/**
 * The controllers' work queue (client-go's shape): keyed and deduplicating (a key queued twice is processed once),
 * never the same key in two workers at once (a key added while it is processed is queued again after `done`),
 * per-key exponential backoff plus an overall rate limit for `addRateLimited`, delayed adds, shutdown.
 */
export interface WorkQueue {
  add(key: string): void;
  /** Adds after `ms` (by the queue's Clock). */
  addAfter(key: string, ms: number): void;
  /** Adds after the key's backoff (5 ms doubling to 1000 s, as upstream) combined with an overall bucket limit. */
  addRateLimited(key: string): void;
  /** Resets the key's backoff (call after a successful sync). */
  forget(key: string): void;
  numRequeues(key: string): number;
  /** The next key, waiting for one; undefined once the queue is shut down and drained. */
  get(): Promise<string | undefined>;
  /** Marks the key processed; a key added meanwhile becomes available again. */
  done(key: string): void;
  len(): number;
  shutDown(): void;
  readonly shuttingDown: boolean;
}
