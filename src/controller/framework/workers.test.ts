import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { runWorkers, type SyncResult } from './workers.js';

/** A minimal queue (dedup, no two workers on a key) that records the calls the worker loop makes. */
class StubQueue implements WorkQueue {
  calls: string[] = [];
  shuttingDown = false;
  private items: string[] = [];
  private processing = new Set<string>();
  private dirty = new Set<string>();
  private waiters: ((k: string | undefined) => void)[] = [];

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    const w = this.waiters.shift();
    if (w) this.hand(key, w);
    else this.items.push(key);
  }
  addAfter(key: string, ms: number): void {
    this.calls.push(`addAfter ${key} ${ms}`);
  }
  addRateLimited(key: string): void {
    this.calls.push(`addRateLimited ${key}`);
  }
  forget(key: string): void {
    this.calls.push(`forget ${key}`);
  }
  numRequeues(): number {
    return 0;
  }
  get(): Promise<string | undefined> {
    const k = this.items.shift();
    if (k !== undefined) return new Promise((r) => this.hand(k, r));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((r) => this.waiters.push(r));
  }
  done(key: string): void {
    this.calls.push(`done ${key}`);
    this.processing.delete(key);
    if (this.dirty.has(key)) this.items.push(key);
  }
  len(): number {
    return this.items.length;
  }
  shutDown(): void {
    this.shuttingDown = true;
    for (const w of this.waiters.splice(0)) w(undefined);
  }
  private hand(key: string, to: (k: string) => void): void {
    this.dirty.delete(key);
    this.processing.add(key);
    to(key);
  }
}

const cases: { name: string; result: () => SyncResult | Promise<never>; want: string[] }[] = [
  { name: 'success forgets the key', result: () => undefined, want: ['forget a', 'done a'] },
  { name: 'requeueAfter forgets and adds after', result: () => ({ requeueAfter: 3000 }), want: ['forget a', 'addAfter a 3000', 'done a'] },
  { name: 'requeue adds rate limited', result: () => ({ requeue: true }), want: ['addRateLimited a', 'done a'] },
  { name: 'a thrown error adds rate limited', result: () => Promise.reject(new Error('boom')), want: ['addRateLimited a', 'done a'] },
];
for (const c of cases) {
  test(`runWorkers: ${c.name}`, async () => {
    const queue = new StubQueue();
    const ac = new AbortController();
    const errors: string[] = [];
    const durations: number[] = [];
    const clock = new FakeClock();
    queue.add('a');
    const run = runWorkers({
      queue,
      workers: 2,
      clock,
      signal: ac.signal,
      sync: async () => {
        clock.step(25);
        const r = c.result();
        ac.abort();
        return r;
      },
      onError: (key, err) => errors.push(`${key}: ${String(err)}`),
      onSynced: (_k, ms) => durations.push(ms),
    });
    await run;
    assert.deepEqual(queue.calls, c.want);
    assert.deepEqual(durations, [25]);
    assert.equal(errors.length, c.name.includes('error') ? 1 : 0);
  });
}

test('runWorkers: keys are processed in parallel up to the worker count, and all stop on abort', async () => {
  const queue = new StubQueue();
  const ac = new AbortController();
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  for (const k of ['a', 'b', 'c', 'd']) queue.add(k);
  const run = runWorkers({
    queue,
    workers: 3,
    clock: new FakeClock(),
    signal: ac.signal,
    sync: async () => {
      peak = Math.max(peak, ++active);
      await new Promise<void>((r) => releases.push(r));
      active--;
    },
  });
  await new Promise((r) => setImmediate(r));
  assert.equal(peak, 3);
  ac.abort();
  while (releases.length) {
    releases.shift()!();
    await new Promise((r) => setImmediate(r));
  }
  await run;
  assert.equal(queue.shuttingDown, true);
  // The queue drains what it held before shutting down.
  assert.equal(queue.calls.filter((c) => c.startsWith('done')).length, 4);
});
