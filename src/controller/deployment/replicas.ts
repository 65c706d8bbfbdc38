/**
 * Rolling-update arithmetic (upstream's deployment util: ResolveFenceposts, MaxSurge, MaxUnavailable,
 * NewRSNewReplicas, GetReplicaSetProportion).
 *
 * Worked example, replicas 10, maxSurge 25%, maxUnavailable 25%: surge = ceil(2.5) = 3, unavailable = floor(2.5) = 2.
 * At most 13 pods exist and at least 8 are available at any time. With both resolving to 0 (say 0% and 0 of 1
 * replica) unavailable becomes 1, or the rollout could never move.
 */
import { scaledValueFromIntOrPercent } from '../../machinery/intstr/intstr.js';
import { rsReplicas, sumReplicas } from './replicasets.js';
import { DESIRED_REPLICAS, MAX_REPLICAS, specReplicas, type DeploymentObject, type RS } from './types.js';

type D = Readonly<DeploymentObject>;

export const isRollingUpdate = (d: D): boolean => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export function resolveFenceposts(d: D): { surge: number; unavailable: number } {
  const ru = d.spec?.strategy?.rollingUpdate;
  const desired = specReplicas(d);
  const surge = scaledValueFromIntOrPercent(ru?.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValueFromIntOrPercent(ru?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export const maxSurge = (d: D): number => (isRollingUpdate(d) ? resolveFenceposts(d).surge : 0);

export function maxUnavailable(d: D): number {
  const replicas = specReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicas);
}

/** The size the new replica set may grow to now: up to replicas + maxSurge pods in all (Recreate: replicas). */
export function newRSNewReplicas(d: D, all: readonly (RS | undefined)[], newRS: RS): number {
  if (!isRollingUpdate(d)) return specReplicas(d);
  const maxTotal = specReplicas(d) + maxSurge(d);
  const current = sumReplicas(all);
  if (current >= maxTotal) return rsReplicas(newRS);
  const up = Math.min(maxTotal - current, specReplicas(d) - rsReplicas(newRS));
  return rsReplicas(newRS) + up;
}

const intAnnotation = (rs: RS, key: string): number | undefined => {
  const v = rs.metadata?.annotations?.[key];
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) ? n : undefined;
};
export const desiredReplicasAnnotation = (rs: RS): number | undefined => intAnnotation(rs, DESIRED_REPLICAS);

/** The new replica set runs everything the deployment wants, all available. */
export function isSaturated(d: D, rs: RS | undefined): boolean {
  if (!rs) return false;
  const want = specReplicas(d);
  return rsReplicas(rs) === want && desiredReplicasAnnotation(rs) === want && (rs.status?.availableReplicas ?? 0) === want;
}

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * A replica set's share of a scaling of the deployment (`toAdd` more pods in all, `added` handed out so far): its
 * size scaled by new/old total (the max-replicas annotation records the old total), bounded by what is left.
 */
export function replicaSetProportion(d: D, rs: RS, toAdd: number, added: number): number {
  if (rsReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(d, rs);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(d: D, rs: RS): number {
  if (specReplicas(d) === 0) return -rsReplicas(rs);
  const total = specReplicas(d) + maxSurge(d);
  const annotated = intAnnotation(rs, MAX_REPLICAS) ?? d.status?.replicas ?? 0;
  if (annotated === 0) return 0;
  return roundHalfAway((rsReplicas(rs) * total) / annotated) - rsReplicas(rs);
}
