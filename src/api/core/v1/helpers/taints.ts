/**
 * Taints and tolerations (upstream's Toleration.ToleratesTaint in k8s.io/api, and TolerationsTolerateTaint /
 * FindMatchingUntoleratedTaint of component-helpers/scheduling/corev1, GetMatchingTolerations of the v1 helper).
 * Shared by the scheduler (TaintToleration), the DaemonSet controller and the taint manager.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';

type T = Readonly<Taint>;
type Tol = Readonly<Toleration>;

/**
 * Whether `t` tolerates `taint`: an empty effect matches every effect, an empty key (with Exists) every key; the
 * operator defaults to Equal, which compares the values ('' when absent); an unknown operator tolerates nothing.
 */
export function toleratesTaint(t: Tol, taint: T): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator || 'Equal') {
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** Whether any of `tolerations` tolerates `taint`. */
export function tolerationsTolerateTaint(tolerations: readonly Tol[] | undefined, taint: T): boolean {
  if (!tolerations) return false;
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** Selects the taints a check is about (e.g. only NoSchedule and NoExecute). */
export type TaintFilter = (taint: T) => boolean;

/** The taints that keep pods off a node: NoSchedule and NoExecute (upstream's DoNotScheduleTaintsFilterFunc). */
export const doNotScheduleTaintsFilter: TaintFilter = (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The first taint that passes `filter` (every taint when absent) and that no toleration tolerates. */
export function findMatchingUntoleratedTaint<X extends T>(
  taints: readonly X[] | undefined,
  tolerations: readonly Tol[] | undefined,
  filter?: TaintFilter,
): X | undefined {
  for (const taint of taints ?? []) {
    if (filter && !filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

/**
 * Whether every taint is tolerated, and for each taint (in order) the first toleration that tolerates it
 * (upstream's GetMatchingTolerations; the taint manager takes the shortest tolerationSeconds among them).
 */
export function getMatchingTolerations<X extends Tol>(
  taints: readonly T[],
  tolerations: readonly X[],
): { tolerated: boolean; tolerations: X[] } {
  const used: X[] = [];
  for (const taint of taints) {
    const match = tolerations.find((t) => toleratesTaint(t, taint));
    if (!match) return { tolerated: false, tolerations: [] };
    used.push(match);
  }
  return { tolerated: true, tolerations: used };
}
