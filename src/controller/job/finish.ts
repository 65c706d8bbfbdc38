/**
 * The job's terminal decisions, as upstream 1.31+: a failure (podFailurePolicy FailJob, backoffLimit,
 * activeDeadlineSeconds) first sets FailureTarget and deletes the active pods; Failed follows once no pod is left
 * running or terminating. Success likewise sets SuccessCriteriaMet first and Complete (with completionTime) once
 * the remaining pods are gone.
 */
import type { JobObject as Job } from './types.js';
import { findCondition, newCondition, setCondition } from './conditions.js';
import {
  COND_COMPLETE, COND_FAILED, COND_FAILURE_TARGET, COND_SUCCESS_CRITERIA_MET, EVENT_COMPLETED,
  MESSAGE_BACKOFF_LIMIT_EXCEEDED, MESSAGE_COMPLETIONS_REACHED, MESSAGE_DEADLINE_EXCEEDED,
  REASON_BACKOFF_LIMIT_EXCEEDED, REASON_COMPLETIONS_REACHED, REASON_DEADLINE_EXCEEDED,
} from './constants.js';
import { DEFAULT_BACKOFF_LIMIT } from '../../api/batch/v1/defaults.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import type { JobDeps } from './context.js';
import { deletePods } from './manage.js';
import { activeRestarts, type ReadonlyPod } from './pod-state.js';

/** What a sync observed of the job's pods; updated as the sync deletes and creates. */
export interface PodView {
  all: readonly ReadonlyPod[];
  active: ReadonlyPod[];
  /** Active pods created by this sync (not in `active`). */
  created: number;
  terminating: number;
  ready: number;
}

export const countFailed = (job: Readonly<Job>): number =>
  (job.status?.failed ?? 0) + (job.status?.uncountedTerminatedPods?.failed?.length ?? 0);

export const countSucceeded = (job: Readonly<Job>): number =>
  job.spec?.completionMode === 'Indexed'
    ? job.status?.succeeded ?? 0
    : (job.status?.succeeded ?? 0) + (job.status?.uncountedTerminatedPods?.succeeded?.length ?? 0);

function exceedsBackoffLimit(job: Readonly<Job>, view: PodView): boolean {
  const limit = job.spec?.backoffLimit ?? DEFAULT_BACKOFF_LIMIT;
  if (countFailed(job) > limit) return true;
  if (job.spec?.template?.spec?.restartPolicy !== 'OnFailure') return false;
  const restarts = activeRestarts(view.all);
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** Milliseconds until activeDeadlineSeconds passes (≤ 0 once it has), or undefined without a deadline. */
export function deadlineRemaining(job: Readonly<Job>, now: Date): number | undefined {
  const ads = job.spec?.activeDeadlineSeconds;
  const start = job.status?.startTime;
  if (ads === undefined || !start || job.spec?.suspend) return undefined;
  return Date.parse(start) + ads * 1000 - now.getTime();
}

/** The reason and message of a new failure, or undefined. */
export function newFailure(job: Readonly<Job>, view: PodView, now: Date): { reason: string; message: string } | undefined {
  if (exceedsBackoffLimit(job, view)) return { reason: REASON_BACKOFF_LIMIT_EXCEEDED, message: MESSAGE_BACKOFF_LIMIT_EXCEEDED };
  const left = deadlineRemaining(job, now);
  if (left !== undefined && left <= 0) return { reason: REASON_DEADLINE_EXCEEDED, message: MESSAGE_DEADLINE_EXCEEDED };
  return undefined;
}

/** Whether the job's success criteria are met by what has been counted. */
export function completionsReached(job: Readonly<Job>, view: PodView): boolean {
  const succeeded = countSucceeded(job);
  const completions = job.spec?.completions;
  if (completions === undefined || completions === null) return succeeded > 0 && view.active.length === 0;
  return succeeded >= completions;
}

async function stopActive(deps: JobDeps, job: Job, view: PodView): Promise<void> {
  await deletePods(deps, job, view.active);
  view.terminating += view.active.length;
  view.active = [];
}

const nothingLeft = (view: PodView): boolean => view.active.length === 0 && view.terminating === 0 && view.created === 0;

/** Sets FailureTarget (a new failure) and stops the active pods. */
export async function startFailing(deps: JobDeps, job: Job, view: PodView, reason: string, message: string): Promise<void> {
  setCondition(job, newCondition(COND_FAILURE_TARGET, 'True', reason, message, deps.clock.now()));
  await stopActive(deps, job, view);
}

/** With FailureTarget set: stops what still runs, and sets Failed once nothing is left. */
export async function finishFailing(deps: JobDeps, job: Job, view: PodView): Promise<void> {
  await stopActive(deps, job, view);
  const target = findCondition(job, COND_FAILURE_TARGET)!;
  if (!nothingLeft(view)) return;
  const reason = target.reason ?? '';
  const message = target.message ?? '';
  if (setCondition(job, newCondition(COND_FAILED, 'True', reason, message, deps.clock.now()))) {
    deps.recorder.event(job, 'Warning', reason, message);
  }
}

/** Sets SuccessCriteriaMet and stops the lingering pods. */
export async function startCompleting(deps: JobDeps, job: Job, view: PodView): Promise<void> {
  setCondition(job, newCondition(COND_SUCCESS_CRITERIA_MET, 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, deps.clock.now()));
  await stopActive(deps, job, view);
}

/** With SuccessCriteriaMet set: sets Complete and completionTime once nothing is left. */
export async function finishCompleting(deps: JobDeps, job: Job, view: PodView): Promise<void> {
  await stopActive(deps, job, view);
  if (!nothingLeft(view)) return;
  const now = deps.clock.now();
  if (setCondition(job, newCondition(COND_COMPLETE, 'True', REASON_COMPLETIONS_REACHED, MESSAGE_COMPLETIONS_REACHED, now))) {
    job.status!.completionTime = formatRFC3339(now);
    deps.recorder.event(job, 'Normal', EVENT_COMPLETED, 'Job completed');
  }
}
