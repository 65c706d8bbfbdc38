import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { cronJobTable, jobTable } from './tables.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'pi', creationTimestamp: '2024-05-01T11:50:00Z' };
const template = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } };
const cond = (type: string) => ({ type, status: 'True' });

// [name, job, STATUS, COMPLETIONS, DURATION]
const cases: Array<[string, Job, string, string, string]> = [
  ['not started', { metadata, spec: { template, selector, completions: 1 } }, 'Running', '0/1', ''],
  [
    'running',
    { metadata, spec: { template, selector, completions: 3 }, status: { startTime: '2024-05-01T11:50:00Z', succeeded: 1 } },
    'Running', '1/3', '10m',
  ],
  [
    'complete',
    {
      metadata,
      spec: { template, selector, completions: 1 },
      status: { startTime: '2024-05-01T11:50:00Z', completionTime: '2024-05-01T11:50:43Z', succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] },
    },
    'Complete', '1/1', '43s',
  ],
  [
    'failed',
    { metadata, spec: { template, selector, completions: 1 }, status: { startTime: '2024-05-01T11:50:00Z', conditions: [cond('FailureTarget'), cond('Failed')] } },
    'Failed', '0/1', '10m',
  ],
  ['suspended', { metadata, spec: { template, selector, suspend: true }, status: { conditions: [cond('Suspended')] } }, 'Suspended', '0/1', ''],
  ['work queue', { metadata, spec: { template, selector, parallelism: 4 }, status: { succeeded: 2 } }, 'Running', '2/1 of 4', ''],
  ['terminating', { metadata: { ...metadata, deletionTimestamp: '2024-05-01T11:59:00Z' }, spec: { template, selector } }, 'Terminating', '0/1', ''],
  ['failure target', { metadata, spec: { template, selector }, status: { conditions: [cond('FailureTarget')] } }, 'FailureTarget', '0/1', ''],
];

for (const [name, job, status, completions, duration] of cases) {
  test(`job cells: ${name}`, () => {
    assert.deepEqual(jobTable.cells(job, now), [
      'pi', status, completions, duration, '10m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc',
    ]);
  });
}

test('job columns (1.33)', () => {
  assert.deepEqual(
    jobTable.columns.filter((c) => c.priority === 0).map((c) => c.name),
    ['Name', 'Status', 'Completions', 'Duration', 'Age'],
  );
});

test('cronjob cells', () => {
  const cj: CronJob = {
    metadata,
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template } }, suspend: false },
    status: { active: [{ name: 'pi-1' }], lastScheduleTime: '2024-05-01T11:55:00Z' },
  };
  assert.deepEqual(cronJobTable.cells(cj, now), ['pi', '*/5 * * * *', '<none>', 'False', 1, '5m', '10m', 'pi', 'perl:5.34', '<none>']);
});
