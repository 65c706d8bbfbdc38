/**
 * When a finished Job expires: ttlSecondsAfterFinished after the lastTransitionTime of its Complete or Failed
 * condition, as upstream's TTL-after-finished controller.
 */
import { findCondition, isJobFinished } from '../job/conditions.js';
import type { JobObject } from '../job/types.js';

/** A job the controller must watch: finished, with a TTL, and not already being deleted. */
export const needsCleanup = (job: Readonly<JobObject>): boolean =>
  job.spec?.ttlSecondsAfterFinished !== undefined && job.spec?.ttlSecondsAfterFinished !== null &&
  isJobFinished(job) && !job.metadata?.deletionTimestamp;

/** The time the job finished (epoch ms); throws when no terminal condition carries a time. */
export function finishTime(job: Readonly<JobObject>): number {
  for (const type of ['Complete', 'Failed']) {
    const c = findCondition(job, type);
    if (c?.status === 'True' && c.lastTransitionTime) return Date.parse(c.lastTransitionTime);
  }
  throw new Error(`unable to find the time when the Job ${job.metadata?.namespace}/${job.metadata?.name} finished`);
}

/** Milliseconds until the job expires (≤ 0: expired), or undefined when it does not need cleanup. */
export function timeLeft(job: Readonly<JobObject>, now: Date): number | undefined {
  if (!needsCleanup(job)) return undefined;
  return finishTime(job) + job.spec!.ttlSecondsAfterFinished! * 1000 - now.getTime();
}
