/**
 * The run() every controller has (upstream's Run: start informers, WaitForNamedCacheSync, then workers until the
 * context ends): start the shared informers, wait until their caches have synced, then run each queue's workers and
 * the controller's own loops (periodic resyncs, monitors) side by side. Resolves once `signal` has aborted and all of
 * them have stopped; if the signal aborts before the caches sync, nothing runs.
 *
 * A failed sync is logged once here, as `<errorMessage>` with the key under `<logKey>`, and requeued with backoff.
 */
import type { WorkQueue } from '../../client/workqueue/interface.js';
import type { ControllerContext } from './types.js';
import { runWorkers, type SyncResult } from './workers.js';

export interface QueueWorkers {
  queue: WorkQueue;
  workers: number;
  sync(key: string, signal: AbortSignal): Promise<SyncResult>;
  /** The log message of a failed sync (upstream's "Error syncing …"); default "sync failed". */
  errorMessage?: string;
  /** The log field the failed key goes under (`service`, `namespace`, `uid` …); default "key". */
  logKey?: string;
}

/** A loop that runs beside the workers until the signal aborts (started before them, in order). */
export type ControllerLoop = (signal: AbortSignal) => Promise<void>;

/** What running needs from a controller's context; the logger is optional, as in the batch controllers' tests. */
export type RunContext = Pick<ControllerContext, 'informers' | 'clock'> & Partial<Pick<ControllerContext, 'logger'>>;

export async function runController(
  ctx: RunContext,
  signal: AbortSignal,
  queues: readonly QueueWorkers[],
  loops: readonly ControllerLoop[] = [],
): Promise<void> {
  ctx.informers.start(signal);
  if (!(await ctx.informers.waitForCacheSync(signal))) return;
  await Promise.all([...loops.map((loop) => loop(signal)), ...queues.map((q) => runQueue(ctx, signal, q))]);
}

function runQueue(ctx: RunContext, signal: AbortSignal, q: QueueWorkers): Promise<void> {
  const message = q.errorMessage ?? 'sync failed';
  const field = q.logKey ?? 'key';
  return runWorkers({
    queue: q.queue,
    workers: q.workers,
    sync: (key, s) => q.sync(key, s),
    signal,
    clock: ctx.clock,
    onError: (key, err) => ctx.logger?.error(message, { [field]: key, err: String(err) }),
  });
}
