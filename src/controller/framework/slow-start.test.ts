import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowStartBatch } from './slow-start.js';

const cases: { name: string; count: number; initial: number; failAt: number[]; successes: number; calls: number; batches: number[] }[] = [
  { name: 'all succeed', count: 10, initial: 1, failAt: [], successes: 10, calls: 10, batches: [1, 2, 4, 3] },
  { name: 'initial batch size 2', count: 7, initial: 2, failAt: [], successes: 7, calls: 7, batches: [2, 4, 1] },
  { name: 'the first call fails', count: 10, initial: 1, failAt: [0], successes: 0, calls: 1, batches: [1] },
  { name: 'a failure in the third batch stops after it', count: 20, initial: 1, failAt: [4], successes: 6, calls: 7, batches: [1, 2, 4] },
  { name: 'zero count', count: 0, initial: 1, failAt: [], successes: 0, calls: 0, batches: [] },
];

for (const c of cases) {
  test(`slowStartBatch: ${c.name}`, async () => {
    const batches: number[] = [];
    let inFlight = 0;
    let calls = 0;
    const r = await slowStartBatch(c.count, c.initial, async (i) => {
      calls++;
      if (inFlight++ === 0) batches.push(0);
      batches[batches.length - 1]!++;
      await Promise.resolve();
      inFlight--;
      if (c.failAt.includes(i)) throw new Error(`fail ${i}`);
    });
    assert.equal(r.successes, c.successes);
    assert.equal(calls, c.calls);
    assert.equal(r.attempted, c.calls);
    assert.deepEqual(batches, c.batches);
    assert.equal(r.error === undefined, c.failAt.length === 0);
  });
}

test('slowStartBatch: attempted counts the failed batch whole, never the calls not started', async () => {
  const r = await slowStartBatch(10, 1, async (i) => {
    if (i === 1) throw new Error('quota');
  });
  assert.deepEqual({ successes: r.successes, attempted: r.attempted }, { successes: 2, attempted: 3 });
  assert.equal((r.error as Error).message, 'quota');
});
