/** Deployment conditions and the progress predicates (upstream's deployment util). */
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { NEW_RS_AVAILABLE, TIMED_OUT, specReplicas, type DeploymentObject } from './types.js';

type D = Readonly<DeploymentObject>;
const MAX_INT32 = 2147483647;

export function newCondition(clock: Clock, type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string): DeploymentCondition {
  const now = clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
  return { type, status, reason, message, lastUpdateTime: now, lastTransitionTime: now };
}

export const getCondition = (s: Readonly<DeploymentStatus> | undefined, type: string): DeploymentCondition | undefined =>
  s?.conditions?.find((c) => c.type === type);

/** Sets a condition; one with the same status and reason is left alone; a same-status one keeps its transition time. */
export function setCondition(s: DeploymentStatus, c: DeploymentCondition): void {
  const cur = getCondition(s, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (!s.conditions) return;
  s.conditions = s.conditions.filter((x) => x.type !== type);
}

export const hasProgressDeadline = (d: D): boolean => {
  const p = d.spec?.progressDeadlineSeconds;
  return p !== undefined && p !== null && p !== MAX_INT32;
};

/** Every replica updated and available, and the status is of the current generation. */
export function deploymentComplete(d: D, s: Readonly<DeploymentStatus>): boolean {
  const want = specReplicas(d);
  return (s.updatedReplicas ?? 0) === want && (s.replicas ?? 0) === want && (s.availableReplicas ?? 0) === want && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** Something moved since the last status: more updated, fewer old, more ready or more available. */
export function deploymentProgressing(d: D, s: Readonly<DeploymentStatus>): boolean {
  const o = d.status ?? {};
  const oldOld = (o.replicas ?? 0) - (o.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (o.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (o.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (o.availableReplicas ?? 0);
}

/** No progress for progressDeadlineSeconds since the Progressing condition was last updated. */
export function deploymentTimedOut(d: D, s: Readonly<DeploymentStatus>, clock: Clock): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === NEW_RS_AVAILABLE) return false;
  if (c.reason === TIMED_OUT) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return from + (d.spec!.progressDeadlineSeconds! * 1000) < clock.now().getTime();
}
