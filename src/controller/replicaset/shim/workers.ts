/** The worker loop (stand-in for controller/framework's runWorkers): get → sync → forget or requeue → done. */
import type { WorkQueue } from '../../../client/workqueue/interface.js';

/** Runs `workers` loops until the signal aborts (the queue is shut down, in-flight syncs finish). */
export async function runWorkers(queue: WorkQueue, workers: number, sync: (key: string) => Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) queue.shutDown();
  else signal.addEventListener('abort', () => queue.shutDown(), { once: true });
  const loop = async (): Promise<void> => {
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      try {
        await sync(key);
        queue.forget(key);
      } catch {
        // A thrown error is a rate-limited requeue (the error itself is reported by the sync where it matters).
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, loop));
}
