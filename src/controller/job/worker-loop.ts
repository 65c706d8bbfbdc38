/**
 * The worker loop shared by the batch controllers until framework's runWorkers takes its place: `workers`
 * concurrent loops take keys, sync them, and turn the result into a forget + delayed add or a rate-limited requeue.
 */
import type { WorkQueue } from '../../client/workqueue/interface.js';
import type { SyncResult } from './context.js';

export type SyncFn = (key: string) => Promise<SyncResult | void>;

/** Processes one key; resolves false once the queue is shut down and drained. */
export async function processNextItem(queue: WorkQueue, sync: SyncFn, onError?: (key: string, err: unknown) => void): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  try {
    const result = await sync(key);
    queue.forget(key);
    if (result?.requeueAfterMs !== undefined) queue.addAfter(key, Math.max(0, result.requeueAfterMs));
  } catch (err) {
    onError?.(key, err);
    queue.addRateLimited(key);
  } finally {
    queue.done(key);
  }
  return true;
}

/** Runs `workers` loops until `signal` aborts (which shuts the queue down). */
export async function runWorkerLoops(queue: WorkQueue, workers: number, sync: SyncFn, signal: AbortSignal): Promise<void> {
  const stop = (): void => queue.shutDown();
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const loop = async (): Promise<void> => {
    while (await processNextItem(queue, sync)) {
      // keep going
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, workers) }, loop));
}
