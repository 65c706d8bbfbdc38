/** Pod predicates the replica controllers share (upstream's podutil and controller.FilterActivePods). */
import type { Pod } from 'kubernetes-types/core/v1.js';

/** A Pod as the client and listers hand it out. */
export type PodObject = Pod;

type P = Readonly<Pod>;

/** Not terminating and not finished: the pods that count toward replicas. */
export const isPodActive = (p: P): boolean =>
  p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !p.metadata?.deletionTimestamp;

const readyCondition = (p: P) => p.status?.conditions?.find((c) => c.type === 'Ready');

export const isPodReady = (p: P): boolean => readyCondition(p)?.status === 'True';

/** When the pod last became Ready (undefined when not ready or unknown). */
export function podReadyTime(p: P): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/**
 * Ready for at least minReadySeconds, as upstream's IsPodAvailable: with minReadySeconds 0 a ready pod is available;
 * else its Ready condition must have turned true more than minReadySeconds before `now`.
 */
export function isPodAvailable(p: P, minReadySeconds: number, now: Date): boolean {
  if (!isPodReady(p)) return false;
  if (minReadySeconds === 0) return true;
  const t = podReadyTime(p);
  return t !== undefined && t + minReadySeconds * 1000 < now.getTime();
}

/** Labels of `template` all present with equal values on the pod (status.fullyLabeledReplicas). */
export function hasAllLabels(pod: P, labels: Readonly<Record<string, string>> | undefined): boolean {
  const have = pod.metadata?.labels ?? {};
  return Object.entries(labels ?? {}).every(([k, v]) => have[k] === v);
}

export const podKey = (p: P): string => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;
