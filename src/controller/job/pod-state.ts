/**
 * How the job controller reads its pods: which are active, terminating, ready, finished (and how), when they
 * finished, and their completion index.
 */
import type { JobObject as Job } from './types.js';
import type { PodObject as Pod } from './types.js';
import { JOB_COMPLETION_INDEX_ANNOTATION, JOB_COMPLETION_INDEX_LABEL, JOB_TRACKING_FINALIZER } from './constants.js';

export type ReadonlyPod = Readonly<Pod>;

export const isTerminal = (p: ReadonlyPod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
export const isTerminating = (p: ReadonlyPod): boolean => !!p.metadata?.deletionTimestamp && !isTerminal(p);
/** Pending or running and not being deleted. */
export const isActive = (p: ReadonlyPod): boolean => !isTerminal(p) && !p.metadata?.deletionTimestamp;
export const isReady = (p: ReadonlyPod): boolean =>
  p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
export const hasTrackingFinalizer = (p: ReadonlyPod): boolean =>
  p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;

/** Replacement pods wait for terminating ones to reach Failed (podReplacementPolicy: Failed, or with a podFailurePolicy). */
export const onlyReplaceFailedPods = (job: Readonly<Job>): boolean =>
  job.spec?.podReplacementPolicy === 'Failed' || !!job.spec?.podFailurePolicy;

/**
 * Whether a pod counts as failed. Failed pods always do; a pod being deleted before it succeeded does too, unless
 * the job replaces failed pods only (then it counts once its phase is Failed).
 */
export function isPodFailed(p: ReadonlyPod, job: Readonly<Job>): boolean {
  if (p.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!p.metadata?.deletionTimestamp && p.status?.phase !== 'Succeeded';
}

/** The latest container finish time of a pod, else its deletion time, else `now`. */
export function podFinishTime(p: ReadonlyPod, now: Date): number {
  let latest = -Infinity;
  for (const cs of [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])]) {
    const at = cs.state?.terminated?.finishedAt;
    if (at) latest = Math.max(latest, Date.parse(at));
  }
  if (latest > -Infinity) return latest;
  const deleted = p.metadata?.deletionTimestamp;
  return deleted ? Date.parse(deleted) : now.getTime();
}

/** The completion index of a pod of an Indexed job (annotation, else label), or undefined when absent or invalid. */
export function completionIndex(p: ReadonlyPod, completions: number): number | undefined {
  const text = p.metadata?.annotations?.[JOB_COMPLETION_INDEX_ANNOTATION] ?? p.metadata?.labels?.[JOB_COMPLETION_INDEX_LABEL];
  if (text === undefined || !/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
  const i = Number(text);
  return i < completions ? i : undefined;
}

/** Sum of container restarts of active pods (the backoff count of restartPolicy: OnFailure). */
export const activeRestarts = (pods: readonly ReadonlyPod[]): number =>
  pods
    .filter(isActive)
    .flatMap((p) => [...(p.status?.containerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])])
    .reduce((n, cs) => n + (cs.restartCount ?? 0), 0);

/** Deletion order among active pods: unscheduled, then pending, then not ready, then the newest. */
export function deletionOrder(a: ReadonlyPod, b: ReadonlyPod): number {
  const rank = (p: ReadonlyPod): number => (!p.spec?.nodeName ? 0 : p.status?.phase === 'Pending' ? 1 : isReady(p) ? 3 : 2);
  const r = rank(a) - rank(b);
  if (r !== 0) return r;
  return Date.parse(b.metadata?.creationTimestamp ?? '0') - Date.parse(a.metadata?.creationTimestamp ?? '0');
}
