/**
 * The worker loop every controller runs (client-go's processNextWorkItem): take a key, sync it, and tell the queue
 * how it went. The queue guarantees a key is never in two workers at once.
 *  - success → forget (reset its backoff) and done;
 *  - `{ requeueAfter: ms }` → forget and addAfter (a time-based wait, not an error);
 *  - `{ requeue: true }` or a thrown error → addRateLimited (per-key exponential backoff).
 * Workers stop once the queue is shut down and drained; the signal shuts the queue down.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';

export type SyncResult = void | undefined | { requeueAfter?: number; requeue?: boolean };

export interface RunWorkersOptions {
  queue: WorkQueue;
  workers: number;
  sync(key: string, signal: AbortSignal): Promise<SyncResult>;
  signal: AbortSignal;
  clock: Clock;
  /** Called with each thrown error (log it there); the key is requeued with backoff whatever this does. */
  onError?(key: string, err: unknown): void;
  /** Called after every sync with its duration on the clock (metrics). */
  onSynced?(key: string, durationMs: number, err: unknown): void;
}

/** Resolves when every worker has stopped. */
export async function runWorkers(o: RunWorkersOptions): Promise<void> {
  const stop = (): void => o.queue.shutDown();
  if (o.signal.aborted) stop();
  else o.signal.addEventListener('abort', stop, { once: true });
  try {
    await Promise.all(Array.from({ length: Math.max(1, o.workers) }, () => worker(o)));
  } finally {
    o.signal.removeEventListener('abort', stop);
  }
}

async function worker(o: RunWorkersOptions): Promise<void> {
  for (let key = await o.queue.get(); key !== undefined; key = await o.queue.get()) {
    await processKey(o, key);
  }
}

async function processKey(o: RunWorkersOptions, key: string): Promise<void> {
  const start = o.clock.now().getTime();
  let err: unknown;
  try {
    const r = await o.sync(key, o.signal);
    if (r?.requeueAfter !== undefined && r.requeueAfter >= 0) {
      o.queue.forget(key);
      o.queue.addAfter(key, r.requeueAfter);
    } else if (r?.requeue) {
      o.queue.addRateLimited(key);
    } else {
      o.queue.forget(key);
    }
  } catch (e) {
    err = e;
    o.onError?.(key, e);
    o.queue.addRateLimited(key);
  } finally {
    o.queue.done(key);
    o.onSynced?.(key, o.clock.now().getTime() - start, err);
  }
}
