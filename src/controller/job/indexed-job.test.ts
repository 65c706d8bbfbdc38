import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOBS } from '../../client/resources.js';
import { newJobController } from './controller.js';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_COMPLETION_INDEX_LABEL } from './constants.js';
import { settle } from './testing/drive.js';
import { activePods, finishPod, newJob, NS, podsOf } from './testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';
import type { JobObject, PodObject } from './types.js';

const indexOf = (p: PodObject): string | undefined => p.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION];

test('Indexed: lowest indexes first, annotation + label + hostname + env, completedIndexes, Complete', async () => {
  const c = new FakeCluster();
  c.seed(newJob('idx', { completions: 3, parallelism: 2, completionMode: 'Indexed' }));
  const ctl = newJobController(c.ctx());
  const sync = (k: string) => ctl.sync(k);
  await settle(c, sync, `${NS}/idx`);
  const first = activePods(c, 'idx');
  assert.deepEqual(first.map(indexOf).sort(), ['0', '1']);
  const p0 = first.find((p) => indexOf(p) === '0')!;
  assert.equal(p0.metadata?.labels?.[JOB_COMPLETION_INDEX_LABEL], '0');
  assert.equal(p0.spec?.hostname, 'idx-0');
  assert.equal(p0.metadata?.generateName, 'idx-0-');
  assert.deepEqual(p0.spec?.containers[0]?.env, [
    { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } } },
  ]);
  finishPod(c, p0.metadata!.name!, 0);
  await settle(c, sync, `${NS}/idx`);
  const stored = (): JobObject => c.client.tracker.get(JOBS, NS, 'idx') as JobObject;
  assert.equal(stored().status?.completedIndexes, '0');
  assert.deepEqual(activePods(c, 'idx').map(indexOf).sort(), ['1', '2']);
  for (const p of activePods(c, 'idx')) finishPod(c, p.metadata!.name!, 0);
  await settle(c, sync, `${NS}/idx`);
  assert.equal(stored().status?.completedIndexes, '0-2');
  assert.equal(stored().status?.succeeded, 3);
  assert.equal(stored().status?.conditions?.find((x) => x.type === 'Complete')?.status, 'True');
});

test('Indexed: a failed index is retried with the same index', async () => {
  const c = new FakeCluster();
  c.seed(newJob('retry', { completions: 2, parallelism: 2, completionMode: 'Indexed' }));
  const ctl = newJobController(c.ctx());
  const sync = (k: string) => ctl.sync(k);
  await settle(c, sync, `${NS}/retry`);
  const p1 = activePods(c, 'retry').find((p) => indexOf(p) === '1')!;
  finishPod(c, p1.metadata!.name!, 3);
  const r = await settle(c, sync, `${NS}/retry`);
  c.clock.step(r.requeueAfterMs!);
  await settle(c, sync, `${NS}/retry`);
  assert.deepEqual(activePods(c, 'retry').map(indexOf).sort(), ['0', '1']);
  assert.equal(podsOf(c, 'retry').length, 3);
});
