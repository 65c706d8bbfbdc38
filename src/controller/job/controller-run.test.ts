import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newJobController } from './controller.js';
import { activePods, finishPod, newJob } from './testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';

/**
 * Polls `cond` across event-loop turns (the workers run on promises), catching the informer caches up each turn,
 * failing after `turns`.
 */
async function eventually(c: FakeCluster, cond: () => boolean, what: string, turns = 500): Promise<void> {
  for (let i = 0; i < turns; i++) {
    c.syncCaches();
    if (cond()) return;
    await new Promise((r) => setImmediate(r));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('run: handlers enqueue, workers sync, the pod-failure backoff requeues on the clock', async () => {
  const c = new FakeCluster();
  c.seed(newJob('live', { backoffLimit: 3 }));
  const ctl = newJobController(c.ctx(), { workers: 2 });
  ctl.queue.add('default/live');
  const abort = new AbortController();
  const running = ctl.run(abort.signal);
  try {
    await eventually(c, () => activePods(c, 'live').length === 1, 'the first pod');
    finishPod(c, activePods(c, 'live')[0]!.metadata!.name!, 1);
    await eventually(c, () => c.client.actionsOf('patch', 'pods').length === 1, 'the failure to be counted');
    assert.equal(activePods(c, 'live').length, 0);
    c.clock.step(10_000);
    await eventually(c, () => activePods(c, 'live').length === 1, 'the replacement after 10 s');
  } finally {
    abort.abort();
    await running;
  }
});
