import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { WorkQueueMetrics } from './metrics.js';
import { createRateLimitingQueue, type RateLimitingQueue } from './rate-limiting-queue.js';

const newQueue = (clock = new FakeClock(), extra: { metrics?: WorkQueueMetrics } = {}): RateLimitingQueue =>
  createRateLimitingQueue({ clock, name: 'test', ...extra });

/** Every key available right now, without waiting (each is marked processing). */
async function drain(q: RateLimitingQueue): Promise<string[]> {
  const out: string[] = [];
  while (q.len() > 0) out.push((await q.get())!);
  return out;
}

type Step = ['add' | 'get' | 'done', string] | ['len', number];
const table: { name: string; steps: Step[] }[] = [
  { name: 'dedup: a key queued twice is handed out once', steps: [['add', 'a'], ['add', 'b'], ['add', 'a'], ['len', 2], ['get', 'a'], ['get', 'b'], ['len', 0]] },
  { name: 'FIFO order of first adds', steps: [['add', 'c'], ['add', 'a'], ['add', 'b'], ['get', 'c'], ['get', 'a'], ['get', 'b']] },
  { name: 'a key being processed is not handed to a second worker', steps: [['add', 'a'], ['get', 'a'], ['add', 'a'], ['add', 'b'], ['len', 1], ['get', 'b'], ['len', 0]] },
  { name: 'a re-add during processing is requeued after done', steps: [['add', 'a'], ['get', 'a'], ['add', 'a'], ['add', 'a'], ['len', 0], ['done', 'a'], ['len', 1], ['get', 'a'], ['done', 'a'], ['len', 0]] },
  { name: 'done without a re-add does not requeue', steps: [['add', 'a'], ['get', 'a'], ['done', 'a'], ['len', 0], ['add', 'a'], ['len', 1]] },
];

for (const c of table) {
  test(`workqueue: ${c.name}`, async () => {
    const q = newQueue();
    for (const [op, arg] of c.steps) {
      if (op === 'add') q.add(arg);
      else if (op === 'done') q.done(arg);
      else if (op === 'len') assert.equal(q.len(), arg, `len at ${JSON.stringify(c.steps)}`);
      else assert.equal(await q.get(), arg);
    }
  });
}

test('a waiting getter receives the next added key; two waiting workers never get the same key', async () => {
  const q = newQueue();
  const w1 = q.get();
  const w2 = q.get();
  q.add('a');
  q.add('a');
  assert.equal(await w1, 'a');
  q.add('a');
  q.add('b');
  assert.equal(await w2, 'b');
  q.done('a');
  assert.equal(await q.get(), 'a');
});

test('addRateLimited backs off 5, 10, 20 … ms per key; forget resets it', () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    q.addRateLimited('k');
    let waited = 0;
    while (q.len() === 0) {
      clock.step(1);
      waited++;
    }
    delays.push(waited);
    void q.get();
    q.done('k');
  }
  assert.deepEqual(delays, [5, 10, 20, 40, 80]);
  assert.equal(q.numRequeues('k'), 5);
  q.forget('k');
  assert.equal(q.numRequeues('k'), 0);
  q.addRateLimited('k');
  clock.step(4);
  assert.equal(q.len(), 0);
  clock.step(1);
  assert.equal(q.len(), 1);
});

test('addRateLimited is also held by the overall bucket (qps 10, burst 100)', () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  for (let i = 0; i < 101; i++) q.addRateLimited(`k${i}`);
  clock.step(5);
  assert.equal(q.len(), 100, 'the burst passes after the per-key delay');
  clock.step(94);
  assert.equal(q.len(), 100, 'the 101st waits for a token (100 ms)');
  clock.step(1);
  assert.equal(q.len(), 101);
});

test('addAfter hands keys out in due order on the clock; an earlier addAfter wins, a later one does not delay', async () => {
  const clock = new FakeClock();
  const q = newQueue(clock);
  q.addAfter('late', 300);
  q.addAfter('early', 100);
  q.addAfter('mid', 200);
  q.addAfter('late', 50);
  q.addAfter('early', 1000);
  q.addAfter('now', 0);
  assert.deepEqual(await drain(q), ['now']);
  clock.step(50);
  assert.deepEqual(await drain(q), ['late']);
  clock.step(49);
  assert.equal(q.len(), 0);
  clock.step(1);
  assert.deepEqual(await drain(q), ['early']);
  clock.step(1000);
  assert.deepEqual(await drain(q), ['mid'], 'the superseded timers add nothing more');
});

test('shutDown: adds ignored, queued keys drained, then waiting getters get undefined; timers cancelled', async () => {
  const clock = new FakeClock();
  let live = 0;
  const counting = {
    now: () => clock.now(),
    setTimeout(fn: () => void, ms: number) {
      live++;
      const t = clock.setTimeout(() => (live--, fn()), ms);
      return { cancel: () => (live--, t.cancel()) };
    },
  };
  const q = createRateLimitingQueue({ clock: counting, name: 'test' });
  q.add('a');
  q.addAfter('delayed', 10);
  assert.equal(live, 1);
  q.shutDown();
  assert.equal(live, 0, 'a delayed add does not keep a timer alive after shutdown');
  q.add('b');
  assert.equal(q.shuttingDown, true);
  assert.equal(await q.get(), 'a');
  assert.equal(await q.get(), undefined);
  clock.step(100);
  assert.equal(q.len(), 0, 'delayed keys are dropped');
});

test('shutDown wakes getters already waiting', async () => {
  const q = newQueue();
  const waiting = [q.get(), q.get()];
  q.shutDown();
  assert.deepEqual(await Promise.all(waiting), [undefined, undefined]);
});

test('metrics hooks see depth, adds, latency, work duration and retries on the clock', async () => {
  const clock = new FakeClock();
  const seen: string[] = [];
  const metrics: WorkQueueMetrics = {
    depth: (n, d) => seen.push(`${n} depth ${d}`),
    adds: (n) => seen.push(`${n} add`),
    queueLatencyMs: (n, ms) => seen.push(`${n} latency ${ms}`),
    workDurationMs: (n, ms) => seen.push(`${n} work ${ms}`),
    retries: (n) => seen.push(`${n} retry`),
  };
  const q = newQueue(clock, { metrics });
  q.add('a');
  clock.step(7);
  await q.get();
  clock.step(30);
  q.done('a');
  q.addRateLimited('a');
  assert.deepEqual(seen, ['test depth 0', 'test add', 'test depth 1', 'test depth 0', 'test latency 7', 'test work 30', 'test retry']);
});

test('metrics accounting as client-go: adds when a key becomes dirty, depth counts dirty keys, latency from that add', async () => {
  const clock = new FakeClock();
  const seen: string[] = [];
  const metrics: WorkQueueMetrics = {
    depth: (_n, d) => seen.push(`depth ${d}`),
    adds: () => seen.push('add'),
    queueLatencyMs: (_n, ms) => seen.push(`latency ${ms}`),
  };
  const q = newQueue(clock, { metrics });
  q.add('a');
  q.add('a');
  await q.get();
  clock.step(4);
  q.add('a');
  clock.step(6);
  q.done('a');
  await q.get();
  assert.deepEqual(seen, ['depth 0', 'add', 'depth 1', 'depth 0', 'latency 0', 'add', 'depth 1', 'depth 0', 'latency 6']);
});

test('metrics: registerQueue gets a probe of the work in progress, forgotten on shutDown', async () => {
  const clock = new FakeClock();
  const registered: string[] = [];
  let probe: (() => unknown) | undefined;
  const metrics: WorkQueueMetrics = {
    registerQueue(name, inProgress) {
      registered.push(name);
      probe = inProgress;
      return () => registered.push(`forget ${name}`);
    },
  };
  const q = newQueue(clock, { metrics });
  assert.deepEqual(probe?.(), { unfinishedSeconds: 0, longestRunningSeconds: 0 });
  q.add('a');
  q.add('b');
  await q.get();
  clock.step(3000);
  await q.get();
  clock.step(1500);
  assert.deepEqual(probe?.(), { unfinishedSeconds: 6, longestRunningSeconds: 4.5 });
  q.done('a');
  assert.deepEqual(probe?.(), { unfinishedSeconds: 1.5, longestRunningSeconds: 1.5 });
  q.shutDown();
  q.shutDown();
  assert.deepEqual(registered, ['test', 'forget test']);
});
