import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import type { SharedInformerFactory } from '../../client/informer/interface.js';
import { workQueueMetrics } from '../../client/workqueue/prometheus.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { nopLogger, type LogFields, type Logger } from '../../machinery/log/logger.js';
import { newControllerQueue } from './queue.js';
import { runController, type QueueWorkers } from './run.js';

/** An informer factory that records start and answers the cache sync as told. */
function fakeInformers(calls: string[], synced: boolean): SharedInformerFactory {
  return {
    informerFor: () => {
      throw new Error('not used');
    },
    start: () => calls.push('start'),
    waitForCacheSync: async () => {
      calls.push('waitForCacheSync');
      return synced;
    },
  };
}

/** A logger that keeps its error lines. */
function errorLog(lines: string[]): Logger {
  return { ...nopLogger, error: (msg: string, fields?: LogFields) => lines.push(`${msg} ${JSON.stringify(fields)}`) };
}

const cases: { name: string; synced: boolean; want: string[] }[] = [
  {
    name: 'starts informers, waits for the caches, then runs the loops and every queue until the signal aborts',
    synced: true,
    want: ['start', 'waitForCacheSync', 'loop started', 'nodes sync n1', 'pods sync ns/p', 'loop stopped'],
  },
  { name: 'runs nothing when the signal aborts before the caches sync', synced: false, want: ['start', 'waitForCacheSync'] },
];

for (const c of cases) {
  test(`runController: ${c.name}`, async () => {
    const calls: string[] = [];
    const clock = new FakeClock();
    const ctx = { informers: fakeInformers(calls, c.synced), clock };
    const ac = new AbortController();
    const queues: QueueWorkers[] = ['nodes', 'pods'].map((name) => ({
      queue: newControllerQueue(ctx, name),
      workers: 2,
      sync: async (key: string) => {
        calls.push(`${name} sync ${key}`);
        if (name === 'pods') ac.abort();
      },
    }));
    queues[0]!.queue.add('n1');
    const loop = async (signal: AbortSignal): Promise<void> => {
      calls.push('loop started');
      queues[1]!.queue.add('ns/p');
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      calls.push('loop stopped');
    };
    await runController(ctx, ac.signal, queues, [loop]);
    assert.deepEqual(calls, c.want);
    for (const q of queues) assert.equal(q.queue.shuttingDown, c.synced, 'the queues are shut down once the workers ran');
  });
}

test('runController: a failed sync is logged once with the message and key field, and requeued with backoff', async () => {
  const lines: string[] = [];
  const clock = new FakeClock();
  const ctx = { informers: fakeInformers([], true), clock, logger: errorLog(lines) };
  const ac = new AbortController();
  const queue = newControllerQueue(ctx, 'endpoint');
  queue.add('ns/web');
  await runController(ctx, ac.signal, [
    {
      queue, workers: 1, errorMessage: 'Error syncing endpoints', logKey: 'service',
      sync: async () => {
        ac.abort();
        throw new Error('boom');
      },
    },
  ]);
  assert.deepEqual(lines, ['Error syncing endpoints {"service":"ns/web","err":"Error: boom"}']);
  assert.equal(queue.numRequeues('ns/web'), 1);
});

/** Runs one failing sync of `key` on a fresh queue and returns the queue. */
async function failOnce(logger: Logger | undefined, key: string) {
  const clock = new FakeClock();
  const ac = new AbortController();
  const queue = newControllerQueue({ clock }, 'job');
  queue.add(key);
  const sync = async (): Promise<void> => {
    ac.abort();
    throw new Error('y');
  };
  await runController({ informers: fakeInformers([], true), clock, ...(logger ? { logger } : {}) }, ac.signal, [{ queue, workers: 1, sync }]);
  return queue;
}

test('runController: the default log line is "sync failed" with the key under "key"', async () => {
  const lines: string[] = [];
  await failOnce(errorLog(lines), 'ns/k');
  assert.deepEqual(lines, ['sync failed {"key":"ns/k","err":"Error: y"}']);
});

test('runController: without a logger (batch controller tests) a failure is only requeued', async () => {
  const queue = await failOnce(undefined, 'ns/j');
  assert.equal(queue.numRequeues('ns/j'), 1);
});

test('newControllerQueue: reports to the context\'s queue metrics under the given name', async () => {
  const registry = new Registry();
  const queue = newControllerQueue({ clock: new FakeClock(), queueMetrics: workQueueMetrics(registry) }, 'garbage_collector_attempt_to_delete');
  queue.add('uid-1');
  queue.add('uid-2');
  const text = await registry.metrics();
  assert.match(text, /^workqueue_adds_total\{name="garbage_collector_attempt_to_delete"\} 2$/m);
  assert.match(text, /^workqueue_depth\{name="garbage_collector_attempt_to_delete"\} 2$/m);
});
