/**
 * successfulJobsHistoryLimit / failedJobsHistoryLimit: the oldest finished jobs beyond the limits are deleted
 * (background propagation). Oldest by status.startTime; jobs that never started count as the newest, as upstream.
 */
import { JOBS } from '../../client/resources.js';
import type { Client } from '../../client/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { hasTrueCondition } from '../job/conditions.js';
import { EVENT_SUCCESSFUL_DELETE } from './constants.js';
import type { CronJobObject, JobObject } from './types.js';

function byStartTime(a: Readonly<JobObject>, b: Readonly<JobObject>): number {
  const sa = a.status?.startTime;
  const sb = b.status?.startTime;
  if (!sa || !sb) return !sa && !sb ? (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '') : !sa ? 1 : -1;
  return Date.parse(sa) - Date.parse(sb) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}

/** The jobs to delete so that at most `limit` remain (oldest first); none without a limit. */
export function beyondLimit(jobs: readonly Readonly<JobObject>[], limit: number | undefined | null): Readonly<JobObject>[] {
  if (limit === undefined || limit === null || jobs.length <= limit) return [];
  return [...jobs].sort(byStartTime).slice(0, jobs.length - limit);
}

export function jobsToClean(cj: Readonly<CronJobObject>, jobs: readonly Readonly<JobObject>[]): Readonly<JobObject>[] {
  const succeeded = jobs.filter((j) => hasTrueCondition(j, 'Complete'));
  const failed = jobs.filter((j) => hasTrueCondition(j, 'Failed'));
  return [...beyondLimit(succeeded, cj.spec?.successfulJobsHistoryLimit), ...beyondLimit(failed, cj.spec?.failedJobsHistoryLimit)];
}

export async function deleteJob(client: Client, recorder: EventRecorder, cj: Readonly<CronJobObject>, name: string): Promise<void> {
  try {
    await client.delete(JOBS, cj.metadata?.namespace ?? '', name, { propagationPolicy: 'Background' });
    recorder.event(cj, 'Normal', EVENT_SUCCESSFUL_DELETE, `Deleted job ${name}`);
  } catch (err) {
    if (!isNotFoundStatus(err)) throw err;
  }
}
