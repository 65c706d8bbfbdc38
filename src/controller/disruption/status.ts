/**
 * A budget's status from its pods (upstream's buildDisruptedPodMap, countHealthyPods and updatePdbStatus):
 * currentHealthy counts Ready pods that are neither being deleted nor recently evicted (status.disruptedPods,
 * kept for 2 minutes unless the pod is deleted sooner); disruptionsAllowed = currentHealthy − desiredHealthy,
 * floored at 0 and 0 whenever no pods are expected; the DisruptionAllowed condition follows it.
 */
import type { Condition } from 'kubernetes-types/meta/v1.js';
import type { PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1.js';
import type { Expected } from './expected.js';
import { DELETION_TIMEOUT_MS, DISRUPTION_ALLOWED_CONDITION, REASON_INSUFFICIENT_PODS, REASON_SUFFICIENT_PODS, type PdbObject, type PodObject } from './types.js';

const timeString = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface DisruptedPods {
  pods: Record<string, string>;
  /** When the next entry expires (ms), to look again then. */
  recheckMs?: number;
}

export function disruptedPods(pdb: Readonly<PdbObject>, pods: readonly Readonly<PodObject>[], nowMs: number): DisruptedPods {
  const out: DisruptedPods = { pods: {} };
  const byName = new Map(pods.map((p) => [p.metadata?.name ?? '', p]));
  for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const pod = byName.get(name);
    if (!pod || pod.metadata?.deletionTimestamp) continue;
    const expires = Date.parse(at) + DELETION_TIMEOUT_MS;
    if (expires < nowMs) continue;
    out.pods[name] = at;
    out.recheckMs = Math.min(out.recheckMs ?? Infinity, expires);
  }
  return out;
}

const isReady = (p: Readonly<PodObject>): boolean => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

export const countHealthy = (pods: readonly Readonly<PodObject>[], disrupted: Readonly<Record<string, string>>): number =>
  pods.filter((p) => !p.metadata?.deletionTimestamp && !(p.metadata?.name! in disrupted) && isReady(p)).length;

/** Upstream's meta.SetStatusCondition: lastTransitionTime moves only when the status changes. */
export function setCondition(conditions: readonly Condition[], c: Omit<Condition, 'lastTransitionTime'>, nowMs: number): Condition[] {
  const old = conditions.find((x) => x.type === c.type);
  const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : timeString(nowMs);
  return [...conditions.filter((x) => x.type !== c.type), { ...c, lastTransitionTime }];
}

export function desiredPdbStatus(pdb: Readonly<PdbObject>, e: Expected, currentHealthy: number, disrupted: Record<string, string>, nowMs: number): PodDisruptionBudgetStatus {
  let allowed = currentHealthy - e.desiredHealthy;
  if (e.expectedCount <= 0 || allowed <= 0) allowed = 0;
  const generation = Number(pdb.metadata?.generation ?? 0);
  const cond = allowed > 0 ? { status: 'True', reason: REASON_SUFFICIENT_PODS } : { status: 'False', reason: REASON_INSUFFICIENT_PODS };
  const conditions = setCondition(pdb.status?.conditions ?? [], { type: DISRUPTION_ALLOWED_CONDITION, ...cond, message: '', observedGeneration: generation }, nowMs);
  return {
    currentHealthy,
    desiredHealthy: e.desiredHealthy,
    expectedPods: e.expectedCount,
    disruptionsAllowed: allowed,
    ...(Object.keys(disrupted).length > 0 ? { disruptedPods: disrupted } : {}),
    observedGeneration: generation,
    conditions,
  };
}

function normalized(s: Readonly<PodDisruptionBudgetStatus>): string {
  const disrupted = Object.entries(s.disruptedPods ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const conditions = (s.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.observedGeneration ?? 0]).sort();
  const counts = [s.currentHealthy, s.desiredHealthy, s.expectedPods, s.disruptionsAllowed, s.observedGeneration ?? 0];
  return JSON.stringify([counts, disrupted, conditions]);
}

/** Whether the stored status already says what `want` says (conditions compared without times and messages). */
export const statusUpToDate = (have: Readonly<PodDisruptionBudgetStatus> | undefined, want: PodDisruptionBudgetStatus): boolean =>
  have !== undefined && normalized(have) === normalized(want);
