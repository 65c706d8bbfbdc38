import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOBS } from '../../client/resources.js';
import { newJob, NS } from '../job/testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';
import type { JobObject } from '../job/types.js';
import { newTTLAfterFinishedController } from './controller.js';
import { timeLeft } from './ttl.js';

const finished = (ttl: number | undefined, type: 'Complete' | 'Failed', at = '2026-01-01T00:00:00Z'): JobObject => {
  const job = newJob('done', ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl });
  job.status = { conditions: [{ type, status: 'True', lastTransitionTime: at }] };
  return job;
};

for (const c of [
  { name: 'no TTL: never', job: finished(undefined, 'Complete'), now: '2027-01-01T00:00:00Z', want: undefined },
  { name: 'running: never', job: newJob('run', { ttlSecondsAfterFinished: 0 }), now: '2026-01-01T00:00:00Z', want: undefined },
  { name: 'Complete, ttl 100, 40 s later', job: finished(100, 'Complete'), now: '2026-01-01T00:00:40Z', want: 60_000 },
  { name: 'Failed, ttl 0: at once', job: finished(0, 'Failed'), now: '2026-01-01T00:00:00Z', want: 0 },
  { name: 'expired long ago', job: finished(10, 'Complete'), now: '2026-01-01T00:01:00Z', want: -50_000 },
]) {
  test(`timeLeft: ${c.name}`, () => assert.equal(timeLeft(c.job, new Date(c.now)), c.want));
}

/** Seeds the job; its status goes through the status subresource, as the API server requires. */
function seedFinished(c: FakeCluster, job: JobObject): void {
  const unfinished: JobObject = { ...job, status: undefined };
  c.seed(unfinished);
  c.mutate(JOBS, NS, job.metadata!.name!, (o) => Object.assign(o, { status: job.status }), 'status');
}

test('a finished job is requeued until its TTL passes, then deleted in the background with a resourceVersion precondition', async () => {
  const c = new FakeCluster(new Date('2026-01-01T00:00:10Z'));
  seedFinished(c, finished(30, 'Complete'));
  const ctl = newTTLAfterFinishedController(c.ctx());
  assert.deepEqual(await ctl.sync(`${NS}/done`), { requeueAfterMs: 20_000 });
  assert.equal(c.client.actionsOf('delete').length, 0);
  c.clock.step(19_999);
  assert.deepEqual(await ctl.sync(`${NS}/done`), { requeueAfterMs: 1 });
  c.clock.step(1);
  assert.deepEqual(await ctl.sync(`${NS}/done`), {});
  const [del] = c.client.actionsOf('delete', 'jobs');
  assert.equal(del?.name, 'done');
  assert.equal((del?.options as { propagationPolicy?: string }).propagationPolicy, 'Background');
  assert.ok((del?.options as { preconditions?: { resourceVersion?: string } }).preconditions?.resourceVersion);
  assert.equal(c.stored(JOBS, NS).length, 0);
});

test('a TTL raised after expiry in the cache is honoured by the fresh read', async () => {
  const c = new FakeCluster(new Date('2026-01-01T00:01:00Z'));
  seedFinished(c, finished(10, 'Complete'));
  const ctl = newTTLAfterFinishedController(c.ctx());
  // Raised in the API server; the cache has not seen it yet.
  const stored = c.client.tracker.get(JOBS, NS, 'done') as JobObject;
  const raised: JobObject = { ...stored, spec: { ...stored.spec!, ttlSecondsAfterFinished: 3600 } };
  c.client.tracker.update(JOBS, NS, raised);
  assert.deepEqual(await ctl.sync(`${NS}/done`), { requeueAfterMs: 3_540_000 });
  assert.equal(c.client.actionsOf('delete').length, 0);
});
