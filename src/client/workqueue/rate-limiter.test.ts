import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import { BucketLimiter, ItemExponentialLimiter, MaxOfLimiter } from './rate-limiter.js';

test('per-key exponential: 5, 10, 20 … capped, per key, reset by forget', () => {
  const l = new ItemExponentialLimiter(5, 1000);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map(() => l.when('a')), [5, 10, 20, 40, 80, 160, 320, 640, 1000]);
  assert.equal(l.when('b'), 5, 'keys back off independently');
  assert.equal(l.numRequeues('a'), 9);
  l.forget('a');
  assert.equal(l.numRequeues('a'), 0);
  assert.equal(l.when('a'), 5);
});

test('per-key exponential stays at the cap after very many failures', () => {
  const l = new ItemExponentialLimiter(5, 1_000_000);
  let last = 0;
  for (let i = 0; i < 2000; i++) last = l.when('k');
  assert.equal(last, 1_000_000);
});

test('token bucket: burst free, then 1/qps apart, refilled by time', () => {
  const clock = new FakeClock();
  const b = new BucketLimiter(clock, 10, 3);
  assert.deepEqual([0, 0, 0, 0, 0].map(() => b.when('x')), [0, 0, 0, 100, 200]);
  clock.step(150);
  // Reservations are debts: the 6th token is free at 300 ms, 150 ms from now.
  assert.equal(b.when('x'), 150);
  clock.step(1000);
  // A full second refills the bucket, but never beyond the burst of 3.
  assert.deepEqual([0, 0, 0, 0].map(() => b.when('x')), [0, 0, 0, 100]);
});

test('max of limiters takes the larger delay', () => {
  const clock = new FakeClock();
  const l = new MaxOfLimiter(new ItemExponentialLimiter(5, 1000), new BucketLimiter(clock, 10, 2));
  assert.deepEqual(['a', 'b', 'c', 'a'].map((k) => l.when(k)), [5, 5, 100, 200]);
  assert.equal(l.numRequeues('a'), 2);
  l.forget('a');
  assert.equal(l.numRequeues('a'), 0);
});
