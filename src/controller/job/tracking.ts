/**
 * Counting finished pods exactly once, with the `batch.kubernetes.io/job-tracking` finalizer as upstream: a pod
 * that finished while holding the finalizer is first recorded in status.uncountedTerminatedPods (or, for Indexed
 * jobs, in completedIndexes) and that status is written; then the finalizer is removed from the pod; then the
 * uids whose pods no longer hold it move from uncountedTerminatedPods into status.succeeded / status.failed. A
 * crash between two steps is safe: the next sync resumes from what the status and the pods say.
 */
import type { JobObject as Job } from './types.js';
import { JOBS, PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import type { FinishedPod } from './backoff.js';
import { newCondition, setCondition } from './conditions.js';
import { COND_FAILURE_TARGET, JOB_TRACKING_FINALIZER, REASON_POD_FAILURE_POLICY } from './constants.js';
import type { JobDeps } from './context.js';
import { formatIndexes, parseIndexes } from './indexed.js';
import { matchPodFailurePolicy } from './failure-policy.js';
import { completionIndex, hasTrackingFinalizer, isPodFailed, podFinishTime, type ReadonlyPod } from './pod-state.js';

export interface TrackResult {
  job: Job;
  /** Pods counted by this sync, for the backoff record. */
  finished: FinishedPod[];
  /** A finalizer could not be removed: the sync fails after writing its status. */
  error?: unknown;
}

interface Pass {
  succeeded: Set<string>;
  failed: Set<string>;
  completed: Set<number>;
  toRemove: ReadonlyPod[];
  finished: FinishedPod[];
  failJobMessage?: string;
  changed: boolean;
}

const isIndexed = (job: Readonly<Job>): boolean => job.spec?.completionMode === 'Indexed';

function classify(job: Job, pods: readonly ReadonlyPod[], now: Date): Pass {
  const u = job.status?.uncountedTerminatedPods ?? {};
  const completions = job.spec?.completions ?? 0;
  const pass: Pass = {
    succeeded: new Set(u.succeeded ?? []), failed: new Set(u.failed ?? []),
    completed: new Set(parseIndexes(job.status?.completedIndexes, completions)),
    toRemove: [], finished: [], changed: false,
  };
  for (const pod of pods) {
    if (!hasTrackingFinalizer(pod)) continue;
    const uid = pod.metadata?.uid ?? '';
    if (pass.succeeded.has(uid) || pass.failed.has(uid)) pass.toRemove.push(pod);
    else if (pod.status?.phase === 'Succeeded') countSucceeded(job, pod, pass, now);
    else if (isPodFailed(pod, job)) countFailed(job, pod, pass, now);
  }
  return pass;
}

function countSucceeded(job: Job, pod: ReadonlyPod, pass: Pass, now: Date): void {
  pass.toRemove.push(pod);
  pass.changed = true;
  pass.finished.push({ failed: false, at: podFinishTime(pod, now) });
  if (!isIndexed(job)) {
    pass.succeeded.add(pod.metadata?.uid ?? '');
    return;
  }
  const ix = completionIndex(pod, job.spec?.completions ?? 0);
  if (ix !== undefined) pass.completed.add(ix);
}

function countFailed(job: Job, pod: ReadonlyPod, pass: Pass, now: Date): void {
  pass.toRemove.push(pod);
  const decision = pod.status?.phase === 'Failed' ? matchPodFailurePolicy(job, pod) : { action: 'Count' as const };
  if (decision.action === 'Ignore') return;
  if (decision.action === 'FailJob' && pass.failJobMessage === undefined) pass.failJobMessage = decision.message;
  pass.failed.add(pod.metadata?.uid ?? '');
  pass.finished.push({ failed: true, at: podFinishTime(pod, now) });
  pass.changed = true;
}

function applyPass(job: Job, pass: Pass, now: Date): void {
  const status = (job.status ??= {});
  status.uncountedTerminatedPods = { succeeded: [...pass.succeeded], failed: [...pass.failed] };
  if (isIndexed(job)) {
    status.completedIndexes = formatIndexes([...pass.completed].sort((a, b) => a - b));
    status.succeeded = pass.completed.size;
  }
  if (pass.failJobMessage !== undefined) {
    setCondition(job, newCondition(COND_FAILURE_TARGET, 'True', REASON_POD_FAILURE_POLICY, pass.failJobMessage, now));
  }
}

/** A JSON patch removing the tracking finalizer, guarded by a test so that a concurrent change fails it. */
function removeFinalizerPatch(p: ReadonlyPod): unknown[] {
  const i = p.metadata?.finalizers?.indexOf(JOB_TRACKING_FINALIZER) ?? -1;
  const path = `/metadata/finalizers/${i}`;
  return [{ op: 'test', path, value: JOB_TRACKING_FINALIZER }, { op: 'remove', path }];
}

/** Removes the finalizer from `pods`; returns the uids that no longer hold it and the first error. */
async function removeFinalizers(deps: JobDeps, pods: readonly ReadonlyPod[]): Promise<{ removed: Set<string>; error?: unknown }> {
  const removed = new Set<string>();
  let error: unknown;
  await Promise.all(pods.map(async (p) => {
    try {
      await deps.client.patch(PODS, p.metadata?.namespace ?? '', p.metadata?.name ?? '', 'json', removeFinalizerPatch(p));
      removed.add(p.metadata?.uid ?? '');
    } catch (err) {
      if (isNotFoundStatus(err)) removed.add(p.metadata?.uid ?? '');
      else error ??= err;
    }
  }));
  return { removed, error };
}

/** Moves uncounted uids whose pods no longer hold the finalizer into the counters. */
function moveCounted(job: Job, pods: readonly ReadonlyPod[], removed: Set<string>): void {
  const holding = new Set(pods.filter(hasTrackingFinalizer).map((p) => p.metadata?.uid ?? '').filter((uid) => !removed.has(uid)));
  const status = (job.status ??= {});
  const u = (status.uncountedTerminatedPods ??= {});
  const done = (uid: string): boolean => !holding.has(uid);
  status.succeeded = (status.succeeded ?? 0) + (u.succeeded ?? []).filter(done).length;
  status.failed = (status.failed ?? 0) + (u.failed ?? []).filter(done).length;
  u.succeeded = (u.succeeded ?? []).filter((uid) => !done(uid));
  u.failed = (u.failed ?? []).filter((uid) => !done(uid));
}

/** Counts the job's finished pods (see the file comment); the returned job's status is not written yet. */
export async function trackFinishedPods(deps: JobDeps, job: Job, pods: readonly ReadonlyPod[]): Promise<TrackResult> {
  const now = deps.clock.now();
  const pass = classify(job, pods, now);
  let cur = job;
  if (pass.changed || pass.failJobMessage !== undefined) {
    applyPass(cur, pass, now);
    cur = await writeJobStatus(deps, cur);
  }
  const { removed, error } = pass.toRemove.length ? await removeFinalizers(deps, pass.toRemove) : { removed: new Set<string>(), error: undefined };
  moveCounted(cur, pods, removed);
  return { job: cur, finished: pass.finished, error };
}

/** Writes the job's status through the status subresource; returns the stored job (new resourceVersion). */
export const writeJobStatus = (deps: JobDeps, job: Job): Promise<Job> =>
  deps.client.update<Job>(JOBS, job.metadata?.namespace ?? '', job, { subresource: 'status' });
