import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { FakeClock } from '../../machinery/clock/clock.js';
import { WORKQUEUE_DURATION_BUCKETS, workQueueMetrics } from './prometheus.js';
import { createRateLimitingQueue, type RateLimitingQueue } from './rate-limiting-queue.js';

/** The value of one sample line of the exposition text (`metric{labels} value`), undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

function setup(name = 'deployment') {
  const registry = new Registry();
  const clock = new FakeClock();
  const q = createRateLimitingQueue({ clock, name, metrics: workQueueMetrics(registry), rateLimiter: { when: () => 5, forget: () => {}, numRequeues: () => 0 } });
  return { registry, clock, q, scrape: () => registry.metrics() };
}

const FAMILIES = [
  ['workqueue_depth', 'gauge'],
  ['workqueue_adds_total', 'counter'],
  ['workqueue_retries_total', 'counter'],
  ['workqueue_queue_duration_seconds', 'histogram'],
  ['workqueue_work_duration_seconds', 'histogram'],
  ['workqueue_unfinished_work_seconds', 'gauge'],
  ['workqueue_longest_running_processor_seconds', 'gauge'],
] as const;

test('prometheus workqueue metrics: every upstream family exists, zero, labelled by name, from the queue creation', async () => {
  const { scrape } = setup();
  const text = await scrape();
  for (const [family, type] of FAMILIES) assert.match(text, new RegExp(`^# TYPE ${family} ${type}$`, 'm'), family);
  for (const series of ['workqueue_depth', 'workqueue_adds_total', 'workqueue_retries_total', 'workqueue_unfinished_work_seconds', 'workqueue_longest_running_processor_seconds']) {
    assert.equal(sample(text, `${series}{name="deployment"}`), 0, series);
  }
  assert.equal(sample(text, 'workqueue_work_duration_seconds_count{name="deployment"}'), 0);
  const les = [...text.matchAll(/^workqueue_queue_duration_seconds_bucket\{le="([^"]+)",name="deployment"\}/gm)].map((m) => m[1]);
  assert.deepEqual(les, ['1e-8', '1e-7', '0.000001', '0.00001', '0.0001', '0.001', '0.01', '0.1', '1', '10', '+Inf']);
  assert.deepEqual(WORKQUEUE_DURATION_BUCKETS, [1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
});

test('prometheus workqueue metrics: adds, depth, durations, in-progress gauges and retries follow queue operations', async () => {
  const { clock, q, scrape } = setup();
  const at = async (series: string): Promise<number | undefined> => sample(await scrape(), series.replace('{}', '{name="deployment"}'));
  q.add('a');
  q.add('b');
  q.add('a'); // already waiting: not an add
  assert.equal(await at('workqueue_adds_total{}'), 2);
  assert.equal(await at('workqueue_depth{}'), 2);
  clock.step(7);
  assert.equal(await q.get(), 'a');
  clock.step(3000);
  assert.equal(await q.get(), 'b');
  assert.equal(await at('workqueue_depth{}'), 0);
  assert.equal(await at('workqueue_queue_duration_seconds_count{}'), 2);
  assert.equal(await at('workqueue_queue_duration_seconds_sum{}'), 0.007 + 3.007);
  assert.equal(await at('workqueue_queue_duration_seconds_bucket{le="0.01",name="deployment"}'), 1);
  clock.step(2000);
  // a has run 5 s, b 2 s: computed at scrape time.
  assert.equal(await at('workqueue_unfinished_work_seconds{}'), 7);
  assert.equal(await at('workqueue_longest_running_processor_seconds{}'), 5);
  q.done('a');
  assert.equal(await at('workqueue_work_duration_seconds_count{}'), 1);
  assert.equal(await at('workqueue_work_duration_seconds_sum{}'), 5);
  assert.equal(await at('workqueue_work_duration_seconds_bucket{le="1",name="deployment"}'), 0);
  assert.equal(await at('workqueue_work_duration_seconds_bucket{le="10",name="deployment"}'), 1);
  assert.equal(await at('workqueue_unfinished_work_seconds{}'), 2);
  q.addRateLimited('b');
  q.addAfter('c', 0);
  assert.equal(await at('workqueue_retries_total{}'), 2);
  clock.step(5);
  // b was re-added while processing: it is waiting again (depth) and counted as an add.
  assert.equal(await at('workqueue_adds_total{}'), 4);
  assert.equal(await at('workqueue_depth{}'), 2);
  q.shutDown();
  assert.equal(await at('workqueue_unfinished_work_seconds{}'), 0, 'a shut-down queue is forgotten');
});

test('prometheus workqueue metrics: one provider per registry, queues kept apart by name', async () => {
  const registry = new Registry();
  const clock = new FakeClock();
  assert.equal(workQueueMetrics(registry), workQueueMetrics(registry));
  const queues: RateLimitingQueue[] = ['endpoint', 'endpoint_slice'].map((name) => createRateLimitingQueue({ clock, name, metrics: workQueueMetrics(registry) }));
  queues[1]!.add('ns/web');
  const text = await registry.metrics();
  assert.equal(sample(text, 'workqueue_adds_total{name="endpoint"}'), 0);
  assert.equal(sample(text, 'workqueue_adds_total{name="endpoint_slice"}'), 1);
  assert.equal(sample(text, 'workqueue_depth{name="endpoint_slice"}'), 1);
});
