/**
 * Which pods matter more (upstream's corev1helpers.PodPriority and scheduler util MoreImportantPod): the higher
 * spec.priority (0 when unset; admission resolves priorityClassName into it), and at equal priority the one that
 * started earlier. A pod without status.startTime (assumed, or bound but not started) counts as starting now.
 */
import type { P } from '../../framework/types.js';

export const podPriority = (p: P): number => p.spec?.priority ?? 0;

/** status.startTime in ms, or `now` when the pod has not started. */
export function podStartTime(p: P, now: number): number {
  const t = p.status?.startTime ? Date.parse(p.status.startTime) : NaN;
  return Number.isNaN(t) ? now : t;
}

/** True when a is more important than b: victims are reprieved in this order. */
export function moreImportantPod(a: P, b: P, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** A comparator sorting the most important pods first. */
export const byImportance =
  (now: number) =>
  (a: P, b: P): number =>
    moreImportantPod(a, b, now) ? -1 : moreImportantPod(b, a, now) ? 1 : 0;

/** The earliest start time among the highest-priority pods of `pods` (upstream's GetEarliestPodStartTime). */
export function earliestStartOfMostImportant(pods: readonly P[], now: number): number | undefined {
  if (pods.length === 0) return undefined;
  const top = Math.max(...pods.map(podPriority));
  return Math.min(...pods.filter((p) => podPriority(p) === top).map((p) => podStartTime(p, now)));
}
