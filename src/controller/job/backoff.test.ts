import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, nextBackoffRecord, remainingBackoff, type BackoffRecord, type FinishedPod } from './backoff.js';

const S = 1000;

for (const [failures, want] of [
  [0, 0], [1, 10 * S], [2, 20 * S], [3, 40 * S], [4, 80 * S], [5, 160 * S], [6, 320 * S], [7, 360 * S], [50, 360 * S], [5000, 360 * S],
] as const) {
  test(`backoffDelay: ${failures} failures in a row → ${want / S} s`, () => {
    assert.equal(backoffDelay(failures), want);
  });
}

const cases: { name: string; prev: BackoffRecord; finished: FinishedPod[]; now: number; remaining: number; failures: number }[] = [
  { name: 'no failures: create at once', prev: { failuresAfterLastSuccess: 0 }, finished: [], now: 0, remaining: 0, failures: 0 },
  { name: 'first failure waits 10 s from its finish', prev: { failuresAfterLastSuccess: 0 }, finished: [{ failed: true, at: 1000 }], now: 4000, remaining: 7000, failures: 1 },
  { name: 'two failures in one sync count twice', prev: { failuresAfterLastSuccess: 0 }, finished: [{ failed: true, at: 0 }, { failed: true, at: 500 }], now: 500, remaining: 20_000, failures: 2 },
  { name: 'a success after the failures resets', prev: { failuresAfterLastSuccess: 3, lastFailureTime: 0 }, finished: [{ failed: true, at: 10 }, { failed: false, at: 20 }], now: 20, remaining: 0, failures: 0 },
  { name: 'a failure after a success starts again at 10 s', prev: { failuresAfterLastSuccess: 3, lastFailureTime: 0 }, finished: [{ failed: false, at: 10 }, { failed: true, at: 20 }], now: 20, remaining: 10_000, failures: 1 },
  { name: 'the wait is over once the delay passed', prev: { failuresAfterLastSuccess: 2, lastFailureTime: 0 }, finished: [], now: 25_000, remaining: 0, failures: 2 },
];
for (const c of cases) {
  test(`backoff record: ${c.name}`, () => {
    const rec = nextBackoffRecord(c.prev, c.finished);
    assert.equal(rec.failuresAfterLastSuccess, c.failures);
    assert.equal(remainingBackoff(rec, c.now), c.remaining);
  });
}
