/**
 * Upstream's slowStartBatch: call `fn` `count` times in batches of 1, 2, 4 … (starting at `initial`), each batch in
 * parallel; stop after the first batch with a failure. Returns the successes and the first error. Creating pods
 * this way means a quota or admission rejection costs one failed call, not hundreds.
 */
export async function slowStartBatch(
  count: number,
  initial: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: unknown }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initial); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failed.length;
    if (failed.length > 0) return { successes, error: failed[0]!.reason };
    remaining -= batch;
  }
  return { successes };
}
