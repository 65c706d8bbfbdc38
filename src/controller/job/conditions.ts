/** Job conditions: lookup, and setting one with upstream's transition-time rule. */
import type { Job, JobCondition } from 'kubernetes-types/batch/v1.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import { COND_COMPLETE, COND_FAILED } from './constants.js';

export const findCondition = (job: Readonly<Job>, type: string): JobCondition | undefined =>
  job.status?.conditions?.find((c) => c.type === type);

export const hasTrueCondition = (job: Readonly<Job>, type: string): boolean => findCondition(job, type)?.status === 'True';

/** A job is finished once it has a true Complete or Failed condition. */
export const isJobFinished = (job: Readonly<Job>): boolean =>
  hasTrueCondition(job, COND_COMPLETE) || hasTrueCondition(job, COND_FAILED);

export function newCondition(type: string, status: 'True' | 'False', reason: string, message: string, now: Date): JobCondition {
  const ts = formatRFC3339(now);
  return { type, status, reason, message, lastProbeTime: ts, lastTransitionTime: ts };
}

/**
 * Sets `cond` on the (mutable) job status. An existing condition of the type keeps its lastTransitionTime when
 * its status does not change, and is left alone entirely when nothing changes. Returns true when it changed.
 */
export function setCondition(job: Job, cond: JobCondition): boolean {
  const status = (job.status ??= {});
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    conditions.push(cond);
    return true;
  }
  const cur = conditions[i]!;
  if (cur.status === cond.status && cur.reason === cond.reason && cur.message === cond.message) return false;
  conditions[i] = cur.status === cond.status ? { ...cond, lastTransitionTime: cur.lastTransitionTime } : cond;
  return true;
}
