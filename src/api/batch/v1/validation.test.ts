import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { errorMessage, type ErrorList } from '../../../machinery/validation/field.js';
import { defaultCronJob, defaultJob } from './defaults.js';
import { generateJobSelector } from './selector.js';
import { cronScheduleErrors, parseCronSchedule } from './cron-schedule.js';
import { validateCronJob, validateJob, validateJobUpdate } from './validation.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);

function job(mutate: (j: Job) => void = () => {}): Job {
  const j: Job = {
    metadata: { name: 'pi', namespace: 'default', uid: 'uid-1' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
  };
  mutate(j);
  generateJobSelector(j);
  defaultJob(j);
  return j;
}

test('job selector and labels are generated from the uid', () => {
  const j = job();
  assert.deepEqual(j.spec!.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } });
  const want = {
    'controller-uid': 'uid-1',
    'batch.kubernetes.io/controller-uid': 'uid-1',
    'job-name': 'pi',
    'batch.kubernetes.io/job-name': 'pi',
  };
  assert.deepEqual(j.spec!.template.metadata!.labels, want);
  assert.deepEqual(j.metadata!.labels, want);
  assert.deepEqual(validateJob(j), []);
});

test('job defaults', () => {
  const s = job().spec!;
  assert.deepEqual(
    [s.parallelism, s.completions, s.backoffLimit, s.completionMode, s.suspend, s.podReplacementPolicy],
    [1, 1, 6, 'NonIndexed', false, 'TerminatingOrFailed'],
  );
});

test('manualSelector keeps the user selector', () => {
  const j = job((x) => {
    x.spec!.manualSelector = true;
    x.spec!.selector = { matchLabels: { app: 'pi' } };
    x.spec!.template.metadata = { labels: { app: 'pi' } };
  });
  assert.deepEqual(j.spec!.selector, { matchLabels: { app: 'pi' } });
  assert.deepEqual(validateJob(j), []);
});

const cases: { name: string; mutate: (j: Job) => void; want: string[] }[] = [
  {
    name: 'restartPolicy Always',
    mutate: (j) => (j.spec!.template.spec!.restartPolicy = 'Always'),
    want: ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
  },
  {
    name: 'selector not generated',
    mutate: (j) => (j.spec!.selector = { matchLabels: { app: 'x' } }),
    want: [
      'spec.selector: Invalid value: {"matchLabels":{"app":"x","batch.kubernetes.io/controller-uid":"uid-1"}}: `selector` not auto-generated',
      'spec.template.metadata.labels: Invalid value: {"controller-uid":"uid-1","batch.kubernetes.io/controller-uid":"uid-1","job-name":"pi","batch.kubernetes.io/job-name":"pi"}: `selector` does not match template `labels`',
    ],
  },
  { name: 'negative backoffLimit', mutate: (j) => (j.spec!.backoffLimit = -1), want: ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'] },
];
for (const c of cases) test(`validateJob: ${c.name}`, () => assert.deepEqual(summary(validateJob(job(c.mutate))), c.want));

test('validateJobUpdate: template is immutable once started', () => {
  const old = job();
  const next = structuredClone(old);
  next.spec!.template.spec!.containers[0]!.image = 'perl:5';
  assert.deepEqual(validateJobUpdate(next, old).map((e) => e.field), ['spec.template']);
});

const schedules: { schedule: string; want: string[] }[] = [
  { schedule: '*/5 * * * *', want: [] },
  { schedule: '0 0 * * MON-FRI', want: [] },
  { schedule: '@hourly', want: [] },
  { schedule: '@every 1h30m', want: [] },
  { schedule: '0 0 1,15 jan,jul ?', want: [] },
  { schedule: '', want: ['empty spec string'] },
  { schedule: 'foo', want: ['expected exactly 5 fields, found 1: [foo]'] },
  { schedule: '60 * * * *', want: ['end of range (60) above maximum (59): 60'] },
  { schedule: '* * 0 * *', want: ['beginning of range (0) below minimum (1): 0'] },
  { schedule: '5-1 * * * *', want: ['beginning of range (5) beyond end of range (1): 5-1'] },
  { schedule: '*/0 * * * *', want: ['step of range should be a positive number: */0'] },
  { schedule: '@fortnightly', want: ['unrecognized descriptor: @fortnightly'] },
];
for (const c of schedules) test(`cron schedule ${JSON.stringify(c.schedule)}`, () => assert.deepEqual(cronScheduleErrors(c.schedule), c.want));

test('parseCronSchedule expands fields', () => {
  const s = parseCronSchedule('*/15 9-17 * * 1-5');
  assert.deepEqual([...s.minute], [0, 15, 30, 45]);
  assert.deepEqual([...s.hour], [9, 10, 11, 12, 13, 14, 15, 16, 17]);
  assert.deepEqual([...s.dayOfWeek], [1, 2, 3, 4, 5]);
  assert.equal(s.domStar, true);
});

function cronJob(schedule: string, mutate: (c: CronJob) => void = () => {}): CronJob {
  const c: CronJob = {
    metadata: { name: 'hello', namespace: 'default' },
    spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } },
  };
  mutate(c);
  defaultCronJob(c);
  return c;
}

test('cronjob defaults', () => {
  const s = cronJob('* * * * *').spec!;
  assert.deepEqual([s.concurrencyPolicy, s.suspend, s.successfulJobsHistoryLimit, s.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
});

const cronCases: { name: string; c: CronJob; want: string[] }[] = [
  { name: 'valid', c: cronJob('*/1 * * * *'), want: [] },
  { name: 'bad schedule', c: cronJob('* * *'), want: ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]'] },
  { name: 'missing schedule', c: cronJob(''), want: ['spec.schedule: Required value'] },
  { name: 'TZ in schedule', c: cronJob('TZ=UTC 0 0 * * *'), want: [
    'spec.schedule: Invalid value: "TZ=UTC 0 0 * * *": expected exactly 5 fields, found 6: [TZ=UTC 0 0 * * *]',
    'spec.schedule: Invalid value: "TZ=UTC 0 0 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
  ] },
  { name: 'bad time zone', c: cronJob('0 0 * * *', (x) => (x.spec!.timeZone = 'Mars/Olympus')), want: ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'] },
  { name: 'name too long', c: cronJob('0 0 * * *', (x) => (x.metadata!.name = 'a'.repeat(53))), want: [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`] },
];
for (const c of cronCases) test(`validateCronJob: ${c.name}`, () => assert.deepEqual(summary(validateCronJob(c.c)), c.want));
