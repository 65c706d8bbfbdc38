import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOBS } from '../../client/resources.js';
import { newJobController } from './controller.js';
import { JOB_TRACKING_FINALIZER } from './constants.js';
import { settle } from './testing/drive.js';
import { activePods, finishPod, newJob, NS, podsOf } from './testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';
import type { JobObject } from './types.js';

function setup(job: JobObject) {
  const c = new FakeCluster();
  c.seed(job);
  const ctl = newJobController(c.ctx());
  const key = `${NS}/${job.metadata!.name}`;
  const stored = (): JobObject => c.client.tracker.get(JOBS, NS, job.metadata!.name!) as JobObject;
  const cond = (type: string) => stored().status?.conditions?.find((x) => x.type === type);
  return { c, ctl, key, stored, cond, sync: (k: string) => ctl.sync(k) };
}

test('completions 5, parallelism 2: two pods at a time, five successes, then SuccessCriteriaMet and Complete', async () => {
  const t = setup(newJob('work', { completions: 5, parallelism: 2 }));
  await settle(t.c, t.sync, t.key);
  assert.equal(activePods(t.c, 'work').length, 2);
  assert.equal(t.stored().status?.active, 2);
  assert.ok(t.stored().status?.startTime);
  const pod = activePods(t.c, 'work')[0]!;
  assert.deepEqual(pod.metadata?.finalizers, [JOB_TRACKING_FINALIZER]);
  assert.equal(pod.metadata?.ownerReferences?.[0]?.uid, 'uid-work');
  for (let round = 0; round < 10 && activePods(t.c, 'work').length > 0; round++) {
    for (const p of activePods(t.c, 'work')) finishPod(t.c, p.metadata!.name!, 0);
    await settle(t.c, t.sync, t.key);
    assert.ok(activePods(t.c, 'work').length <= 2);
  }
  assert.equal(podsOf(t.c, 'work').length, 5);
  assert.equal(t.stored().status?.succeeded, 5);
  assert.equal(t.cond('SuccessCriteriaMet')?.reason, 'CompletionsReached');
  assert.equal(t.cond('Complete')?.status, 'True');
  assert.ok(t.stored().status?.completionTime);
  assert.ok(podsOf(t.c, 'work').every((p) => !p.metadata?.finalizers?.length));
  assert.equal(t.c.events.filter((e) => e.reason === 'SuccessfulCreate').length, 5);
  assert.ok(t.c.events.some((e) => e.reason === 'Completed' && e.message === 'Job completed'));
});

test('a finished pod is recorded in uncountedTerminatedPods before its finalizer is removed', async () => {
  const t = setup(newJob('track'));
  await settle(t.c, t.sync, t.key);
  const pod = activePods(t.c, 'track')[0]!;
  finishPod(t.c, pod.metadata!.name!, 0);
  t.c.client.clearActions();
  await t.sync(t.key);
  const writes = t.c.client.actions.filter((a) => a.verb !== 'get' && a.verb !== 'list');
  assert.deepEqual(writes.map((a) => `${a.verb} ${a.resource}${a.subresource ? '/' + a.subresource : ''}`), ['update jobs/status', 'patch pods', 'update jobs/status']);
  const first = writes[0]!.object as JobObject;
  assert.deepEqual(first.status?.uncountedTerminatedPods?.succeeded, [pod.metadata!.uid]);
  const last = writes[2]!.object as JobObject;
  assert.deepEqual(last.status?.uncountedTerminatedPods?.succeeded, []);
  assert.equal(last.status?.succeeded, 1);
});

test('failing pods: backoff 10 s then 20 s between replacements, then BackoffLimitExceeded', async () => {
  const t = setup(newJob('flaky', { backoffLimit: 2 }));
  await settle(t.c, t.sync, t.key);
  const delays: (number | undefined)[] = [];
  for (let i = 0; i < 3; i++) {
    const [pod] = activePods(t.c, 'flaky');
    assert.ok(pod, `pod ${i} exists`);
    finishPod(t.c, pod.metadata!.name!, 1);
    const r = await settle(t.c, t.sync, t.key);
    delays.push(r.requeueAfterMs);
    if (i < 2) {
      assert.equal(activePods(t.c, 'flaky').length, 0, 'no replacement before the backoff passed');
      t.c.clock.step(r.requeueAfterMs! - 1);
      await settle(t.c, t.sync, t.key);
      assert.equal(activePods(t.c, 'flaky').length, 0, 'still none 1 ms early');
      t.c.clock.step(1);
      await settle(t.c, t.sync, t.key);
    }
  }
  assert.deepEqual(delays.slice(0, 2), [10_000, 20_000]);
  assert.equal(t.stored().status?.failed, 3);
  assert.equal(t.cond('FailureTarget')?.reason, 'BackoffLimitExceeded');
  const failed = t.cond('Failed');
  assert.equal(failed?.status, 'True');
  assert.equal(failed?.reason, 'BackoffLimitExceeded');
  assert.equal(failed?.message, 'Job has reached the specified backoff limit');
  assert.ok(t.c.events.some((e) => e.type === 'Warning' && e.reason === 'BackoffLimitExceeded'));
  assert.equal(podsOf(t.c, 'flaky').length, 3);
});

test('activeDeadlineSeconds: requeued for the deadline, then pods deleted and Failed DeadlineExceeded', async () => {
  const t = setup(newJob('slow', { parallelism: 2, completions: 4, activeDeadlineSeconds: 30 }));
  const r = await settle(t.c, t.sync, t.key);
  assert.equal(r.requeueAfterMs, 30_000);
  assert.equal(activePods(t.c, 'slow').length, 2);
  t.c.clock.step(29_999);
  await settle(t.c, t.sync, t.key);
  assert.equal(t.cond('FailureTarget'), undefined);
  t.c.clock.step(1);
  await settle(t.c, t.sync, t.key);
  assert.equal(t.cond('FailureTarget')?.reason, 'DeadlineExceeded');
  assert.equal(t.cond('Failed')?.reason, 'DeadlineExceeded');
  assert.equal(t.cond('Failed')?.message, 'Job was active longer than specified deadline');
  assert.equal(podsOf(t.c, 'slow').length, 0, 'pods deleted once their finalizers were removed');
  assert.equal(t.stored().status?.active, 0);
});

test('suspend deletes the active pods and sets Suspended; resume restarts them and the start time', async () => {
  const t = setup(newJob('pause', { parallelism: 2, completions: 2 }));
  await settle(t.c, t.sync, t.key);
  assert.equal(activePods(t.c, 'pause').length, 2);
  t.c.mutate(JOBS, NS, 'pause', (o) => void ((o as JobObject).spec!.suspend = true));
  await settle(t.c, t.sync, t.key);
  assert.equal(activePods(t.c, 'pause').length, 0);
  assert.equal(t.cond('Suspended')?.status, 'True');
  assert.equal(t.cond('Suspended')?.reason, 'JobSuspended');
  assert.equal(t.stored().status?.failed, 2, 'pods deleted before they succeeded count as failed, as upstream');
  t.c.clock.step(60_000);
  t.c.mutate(JOBS, NS, 'pause', (o) => void ((o as JobObject).spec!.suspend = false));
  await settle(t.c, t.sync, t.key);
  assert.equal(t.cond('Suspended')?.status, 'False');
  assert.equal(t.cond('Suspended')?.reason, 'JobResumed');
  assert.equal(t.stored().status?.startTime, '2026-01-01T00:01:00Z');
  assert.deepEqual(t.c.events.filter((e) => e.reason === 'Suspended' || e.reason === 'Resumed').map((e) => e.reason), ['Suspended', 'Resumed']);
});

test('a job created suspended creates nothing and has no start time', async () => {
  const t = setup(newJob('held', { suspend: true }));
  await settle(t.c, t.sync, t.key);
  assert.equal(podsOf(t.c, 'held').length, 0);
  assert.equal(t.stored().status?.startTime, undefined);
  assert.equal(t.cond('Suspended')?.status, 'True');
});

test('a deleted job is forgotten without writes', async () => {
  const t = setup(newJob('gone'));
  t.c.client.tracker.delete(JOBS, NS, 'gone');
  t.c.syncCaches();
  t.c.client.clearActions();
  assert.deepEqual(await t.sync(t.key), {});
  assert.deepEqual(t.c.writes(), []);
});
