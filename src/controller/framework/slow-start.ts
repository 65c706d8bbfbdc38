/**
 * Slow-start batches (upstream's slowStartBatch): call `fn` `count` times in batches of 1, 2, 4, … (from
 * `initialBatchSize`), each batch in parallel, and stop after the first batch in which any call failed. A
 * controller creating 500 pods against a failing quota or webhook thus makes a handful of calls, not 500.
 * `fn` receives the call's index (0-based, in start order).
 */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  successes: number;
  /** Calls made (successes and the failed batch's failures); `count - attempted` were never started. */
  attempted: number;
  /** The first error of the failed batch, if any. */
  error?: unknown;
}

export async function slowStartBatch(
  count: number,
  initialBatchSize: number = SLOW_START_INITIAL_BATCH_SIZE,
  fn: (index: number) => Promise<void>,
): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  let started = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const base = started;
    const batch = Array.from({ length: size }, async (_, i) => fn(base + i));
    started += size;
    const results = await Promise.allSettled(batch);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += size - failed.length;
    if (failed.length > 0) return { successes, attempted: started, error: failed[0]!.reason };
    remaining -= size;
  }
  return { successes, attempted: started };
}
