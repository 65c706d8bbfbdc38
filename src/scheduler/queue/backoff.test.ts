import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import { makePod } from '../testing/wrappers.js';
import { BackoffQueue, backoffDurationMs } from './backoff.js';
import { newQueuedPodInfo } from './queued-pod.js';

const durations: { attempts: number; initial?: number; max?: number; want: number }[] = [
  { attempts: 0, want: 0 },
  { attempts: 1, want: 1_000 },
  { attempts: 2, want: 2_000 },
  { attempts: 3, want: 4_000 },
  { attempts: 4, want: 8_000 },
  { attempts: 5, want: 10_000 },
  { attempts: 6, want: 10_000 },
  { attempts: 50, want: 10_000 },
  { attempts: 3, initial: 1_000, max: 3_000, want: 3_000 },
  { attempts: 2000, initial: 1, max: Number.MAX_SAFE_INTEGER, want: Number.MAX_SAFE_INTEGER },
  { attempts: 3, initial: 0, max: 10_000, want: 0 },
];
for (const c of durations) {
  test(`backoff: attempt ${c.attempts} (initial ${c.initial ?? 1000}, max ${c.max ?? 10000}) waits ${c.want} ms`, () => {
    assert.equal(backoffDurationMs(c.attempts, c.initial ?? 1_000, c.max ?? 10_000), c.want);
  });
}

test('backoff queue: backoff counts from the last failure; popCompleted returns expired pods, earliest first', () => {
  const clock = new FakeClock();
  const bq = new BackoffQueue(clock);
  const t0 = clock.now().getTime();
  const mk = (name: string, attempts: number, plugin?: string) => {
    const p = newQueuedPodInfo(makePod(name).obj(), t0);
    p.attempts = attempts;
    if (plugin) p.unschedulablePlugins.add(plugin);
    return p;
  };
  const a = mk('a', 3, 'NodeResourcesFit'); // 4 s
  const b = mk('b', 1, 'NodeResourcesFit'); // 1 s
  const c = mk('c', 2); // an error, 2 s
  for (const p of [a, b, c]) bq.addOrUpdate(p);
  assert.equal(bq.size, 3);
  assert.equal(bq.expiry(a), t0 + 4_000);
  assert.ok(bq.isBackingOff(b));
  clock.step(999);
  assert.deepEqual(bq.popCompleted(), []);
  clock.step(1);
  assert.deepEqual(bq.popCompleted().map((p) => p.podInfo.pod.metadata?.name), ['b']);
  assert.ok(!bq.isBackingOff(b));
  clock.step(3_000);
  assert.deepEqual(bq.popCompleted().map((p) => p.podInfo.pod.metadata?.name).sort(), ['a', 'c']);
  assert.equal(bq.size, 0);
});

test('backoff queue: only pods rejected by plugins may be popped early; errors serve their whole backoff', () => {
  const clock = new FakeClock();
  const bq = new BackoffQueue(clock);
  const err = newQueuedPodInfo(makePod('err').obj(), clock.now().getTime());
  err.attempts = 1;
  bq.addOrUpdate(err);
  assert.equal(bq.hasEarly(), false);
  assert.equal(bq.popEarly(), undefined);
  const rej = newQueuedPodInfo(makePod('rej').obj(), clock.now().getTime());
  rej.attempts = 4;
  rej.unschedulablePlugins.add('TaintToleration');
  bq.addOrUpdate(rej);
  assert.equal(bq.popEarly()?.podInfo.pod.metadata?.name, 'rej');
  assert.ok(bq.has('uid-default-err'));
  assert.equal(bq.delete('uid-default-err'), err);
  assert.equal(bq.size, 0);
});
