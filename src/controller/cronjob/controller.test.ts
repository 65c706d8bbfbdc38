import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CronJobSpec } from 'kubernetes-types/batch/v1.js';
import { CRON_JOBS, JOBS } from '../../client/resources.js';
import { settle } from '../job/testing/drive.js';
import { NS } from '../job/testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from './constants.js';
import { newCronJobController } from './controller.js';
import type { CronJobObject, JobObject } from './types.js';

const MIN = 60_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const jobName = (iso: string): string => `cj-${Math.floor(Date.parse(iso) / MIN)}`;

function newCronJob(spec: Partial<CronJobSpec>): CronJobObject {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob',
    metadata: { name: 'cj', namespace: NS, uid: 'uid-cj', creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      schedule: '*/5 * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      jobTemplate: { metadata: { labels: { app: 'cron' } }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } } },
      ...spec,
    },
  };
}

function setup(spec: Partial<CronJobSpec>, startMs = T0) {
  const c = new FakeCluster(new Date(startMs));
  c.seed(newCronJob(spec));
  const ctl = newCronJobController(c.ctx(), { localTimeZone: 'UTC' });
  const run = () => settle(c, (k) => ctl.sync(k), `${NS}/cj`);
  const cj = () => c.client.tracker.get(CRON_JOBS, NS, 'cj') as CronJobObject;
  const jobs = () => c.stored<JobObject>(JOBS, NS).map((j) => j.metadata!.name!).sort();
  const reasons = () => c.events.map((e) => e.reason);
  return { c, run, cj, jobs, reasons };
}

function finishJob(c: FakeCluster, name: string, type: 'Complete' | 'Failed', startTime?: string): void {
  const now = c.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  c.mutate(JOBS, NS, name, (o) => {
    Object.assign(o, { status: { startTime: startTime ?? now, ...(type === 'Complete' ? { completionTime: now } : {}), conditions: [{ type, status: 'True' }] } });
  }, 'status');
}

test('fires at the scheduled minute: job name, annotation, controllerRef, active, lastScheduleTime, requeue', async () => {
  const t = setup({});
  const r0 = await t.run();
  assert.deepEqual(t.jobs(), []);
  assert.equal(r0.requeueAfterMs, 5 * MIN + 100);
  t.c.clock.step(r0.requeueAfterMs! - 200);
  await t.run();
  assert.deepEqual(t.jobs(), [], 'not a moment early');
  t.c.clock.step(200);
  const r1 = await t.run();
  assert.deepEqual(t.jobs(), [jobName('2026-01-01T00:05:00Z')]);
  const job = t.c.client.tracker.get(JOBS, NS, jobName('2026-01-01T00:05:00Z')) as JobObject;
  assert.equal(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], '2026-01-01T00:05:00Z');
  assert.equal(job.metadata?.labels?.app, 'cron');
  assert.deepEqual(job.metadata?.ownerReferences?.[0], { apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', uid: 'uid-cj', controller: true, blockOwnerDeletion: true });
  assert.deepEqual(t.cj().status?.active?.map((r) => r.name), [jobName('2026-01-01T00:05:00Z')]);
  assert.equal(t.cj().status?.lastScheduleTime, '2026-01-01T00:05:00Z');
  assert.equal(r1.requeueAfterMs, 5 * MIN - 100 + 100);
  assert.deepEqual(t.reasons(), ['SuccessfulCreate']);
});

test('Forbid skips while a job is active and starts the skipped schedule once it finished', async () => {
  const t = setup({ concurrencyPolicy: 'Forbid' });
  t.c.clock.step(5 * MIN);
  await t.run();
  t.c.clock.step(5 * MIN);
  await t.run();
  assert.deepEqual(t.jobs(), [jobName('2026-01-01T00:05:00Z')]);
  assert.ok(t.reasons().includes('JobAlreadyActive'));
  t.c.clock.step(2 * MIN);
  finishJob(t.c, jobName('2026-01-01T00:05:00Z'), 'Complete');
  await t.run();
  assert.ok(t.reasons().includes('SawCompletedJob'));
  assert.equal(t.cj().status?.lastSuccessfulTime, '2026-01-01T00:12:00Z');
  assert.deepEqual(t.cj().status?.active?.map((r) => r.name), [jobName('2026-01-01T00:10:00Z')]);
});

for (const policy of ['Allow', 'Replace'] as const) {
  test(`${policy}: the next schedule while a job is active ${policy === 'Allow' ? 'runs beside it' : 'deletes it (background)'}`, async () => {
    const t = setup({ concurrencyPolicy: policy });
    t.c.clock.step(5 * MIN);
    await t.run();
    t.c.clock.step(5 * MIN);
    await t.run();
    const both = [jobName('2026-01-01T00:05:00Z'), jobName('2026-01-01T00:10:00Z')];
    const deletes = t.c.client.actionsOf('delete', 'jobs');
    if (policy === 'Allow') {
      assert.deepEqual(t.jobs(), both);
      assert.equal(deletes.length, 0);
    } else {
      assert.deepEqual(t.jobs(), [both[1]]);
      assert.deepEqual(deletes.map((a) => [a.name, (a.options as { propagationPolicy?: string }).propagationPolicy]), [[both[0], 'Background']]);
    }
    assert.equal(t.cj().status?.active?.length, policy === 'Allow' ? 2 : 1);
  });
}

test('history limits delete the oldest finished jobs beyond successful/failedJobsHistoryLimit', async () => {
  const t = setup({ successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 1, suspend: true });
  const owned = (name: string): JobObject => ({
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: NS, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', uid: 'uid-cj', controller: true }] },
    spec: { template: {} },
  });
  t.c.seed(owned('s1'), owned('s2'), owned('s3'), owned('f1'), owned('f2'));
  finishJob(t.c, 's1', 'Complete', '2025-12-31T01:00:00Z');
  finishJob(t.c, 's2', 'Complete', '2025-12-31T03:00:00Z');
  finishJob(t.c, 's3', 'Complete', '2025-12-31T02:00:00Z');
  finishJob(t.c, 'f1', 'Failed', '2025-12-31T05:00:00Z');
  finishJob(t.c, 'f2', 'Failed', '2025-12-31T04:00:00Z');
  await t.run();
  assert.deepEqual(t.jobs(), ['f1', 's2']);
  assert.equal(t.reasons().filter((r) => r === 'SuccessfulDelete').length, 3);
});

for (const c of [
  { sds: 60, late: 2, want: [] as string[] },
  { sds: 300, late: 2, want: [jobName('2026-01-01T01:00:00Z')] },
  { sds: undefined, late: 2, want: [jobName('2026-01-01T01:00:00Z')] },
]) {
  test(`startingDeadlineSeconds ${c.sds}: a schedule seen ${c.late} min late ${c.want.length ? 'still starts' : 'is missed'}`, async () => {
    const t = setup({ schedule: '0 * * * *', ...(c.sds !== undefined ? { startingDeadlineSeconds: c.sds } : {}) });
    t.c.clock.step(60 * MIN + c.late * MIN);
    const r = await t.run();
    assert.deepEqual(t.jobs(), c.want);
    assert.equal(r.requeueAfterMs, (60 - c.late) * MIN + 100);
  });
}

test('more than 100 missed schedules: TooManyMissedTimes, and only the most recent starts', async () => {
  const t = setup({ schedule: '*/1 * * * *' });
  t.c.clock.step(180 * MIN + 30_000);
  await t.run();
  assert.deepEqual(t.jobs(), [jobName('2026-01-01T03:00:00Z')]);
  const ev = t.c.events.find((e) => e.reason === 'TooManyMissedTimes');
  assert.equal(ev?.message, 'too many missed start times: 180. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
});

test('timeZone: 09:00 in Tokyo fires at 00:00 UTC with a zoned scheduled-timestamp', async () => {
  const t = setup({ schedule: '0 9 * * *', timeZone: 'Asia/Tokyo' });
  const r = await t.run();
  assert.equal(r.requeueAfterMs, 24 * 60 * MIN + 100);
  t.c.clock.step(r.requeueAfterMs!);
  await t.run();
  const job = t.c.client.tracker.get(JOBS, NS, jobName('2026-01-02T00:00:00Z')) as JobObject;
  assert.equal(job.metadata?.annotations?.[SCHEDULED_TIMESTAMP_ANNOTATION], '2026-01-02T09:00:00+09:00');
});

for (const c of [
  { name: 'an unknown timeZone', spec: { timeZone: 'Mars/Olympus' }, reason: 'UnknownTimeZone' },
  { name: 'an invalid schedule', spec: { schedule: '61 * * * *' }, reason: 'InvalidSchedule' },
  { name: 'suspend', spec: { suspend: true }, reason: undefined },
]) {
  test(`${c.name}: no job and no requeue`, async () => {
    const t = setup(c.spec);
    t.c.clock.step(10 * MIN);
    const r = await t.run();
    assert.deepEqual(t.jobs(), []);
    assert.equal(r.requeueAfterMs, undefined);
    assert.deepEqual(t.reasons(), c.reason ? [c.reason] : []);
  });
}
