/**
 * Jobs and CronJobs, as upstream's printers (1.33 job columns): STATUS from the terminal/suspended conditions,
 * COMPLETIONS `succeeded/completions` (`n/1 of p` for parallel work queues), DURATION from start to completion
 * (or to now while running).
 */
import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { humanDuration } from '../../../machinery/meta/duration.js';
import { durationBetween, translateTimestampSince } from '../../../machinery/meta/timestamp.js';
import { formatLabelSelector } from '../../../machinery/labels/label-selector.js';
import {
  CONTAINERS_DESCRIPTION,
  IMAGES_DESCRIPTION,
  containerCells,
} from '../../core/v1/pod-template-cells.js';
import { d } from './table-descriptions.js';

const has = (conds: readonly JobCondition[] | undefined, type: string): boolean =>
  (conds ?? []).some((c) => c.type === type && c.status === 'True');

export function jobStatus(job: Job): string {
  const conds = job.status?.conditions;
  if (has(conds, 'Complete')) return 'Complete';
  if (has(conds, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (has(conds, 'Suspended')) return 'Suspended';
  if (has(conds, 'FailureTarget')) return 'FailureTarget';
  if (has(conds, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  const parallelism = job.spec?.parallelism;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  if (parallelism !== undefined && parallelism > 1) return `${succeeded}/1 of ${parallelism}`;
  return `${succeeded}/1`;
}

export function jobDuration(job: Job, now: Date): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const ms = durationBetween(start, job.status?.completionTime ?? now);
  return ms === undefined ? '' : humanDuration(ms);
}

export const jobTable: TableConvertor<Job> = {
  columns: [
    nameColumn,
    column('Status', 'Status of the job.'),
    column('Completions', d('JobStatus.succeeded')),
    column('Duration', 'Time required to complete the job.'),
    ageColumn,
    wide('Containers', CONTAINERS_DESCRIPTION),
    wide('Images', IMAGES_DESCRIPTION),
    wide('Selector', d('JobSpec.selector')),
  ],
  cells: (job, now) => [
    nameOf(job),
    jobStatus(job),
    jobCompletions(job),
    jobDuration(job, now),
    ageOf(job, now),
    ...containerCells(job.spec?.template),
    formatLabelSelector(job.spec?.selector),
  ],
};

/** Upstream's printBoolPtr: `True`, `False` or `<unset>`. */
const printBoolPtr = (v: boolean | undefined): string => (v === undefined ? '<unset>' : v ? 'True' : 'False');

export const cronJobTable: TableConvertor<CronJob> = {
  columns: [
    nameColumn,
    column('Schedule', d('CronJobSpec.schedule')),
    column('Timezone', d('CronJobSpec.timeZone')),
    column('Suspend', d('CronJobSpec.suspend'), 'boolean'),
    column('Active', d('CronJobStatus.active'), 'integer'),
    column('Last Schedule', d('CronJobStatus.lastScheduleTime')),
    ageColumn,
    wide('Containers', CONTAINERS_DESCRIPTION),
    wide('Images', IMAGES_DESCRIPTION),
    wide('Selector', d('JobSpec.selector')),
  ],
  cells(cj, now) {
    const last = cj.status?.lastScheduleTime;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    return [
      nameOf(cj),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? '<none>',
      printBoolPtr(cj.spec?.suspend),
      (cj.status?.active ?? []).length,
      last ? translateTimestampSince(last, now) : '<none>',
      ageOf(cj, now),
      ...containerCells(jobSpec?.template),
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

export const BATCH_V1_TABLES: Readonly<Record<string, TableConvertor>> = {
  Job: jobTable,
  CronJob: cronJobTable,
};
