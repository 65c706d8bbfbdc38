/**
 * Quota scopes on pods (upstream's podMatchesScopeFunc): Terminating / NotTerminating (activeDeadlineSeconds set),
 * BestEffort / NotBestEffort (QoS class), PriorityClass through scopeSelector. Objects other than pods match no
 * scope, so a scoped quota counts only pods.
 */
import type { ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1.js';
import { podQOSClass } from '../../api/core/v1/qos.js';
import type { PodObject, QuotaObject } from './types.js';

const isTerminating = (p: Readonly<PodObject>): boolean => typeof p.spec?.activeDeadlineSeconds === 'number' && p.spec.activeDeadlineSeconds >= 0;
const isBestEffort = (p: Readonly<PodObject>): boolean => podQOSClass(p.spec) === 'BestEffort';

const SCOPES: Readonly<Record<string, (p: Readonly<PodObject>) => boolean>> = {
  Terminating: isTerminating,
  NotTerminating: (p) => !isTerminating(p),
  BestEffort: isBestEffort,
  NotBestEffort: (p) => !isBestEffort(p),
};

/** The quota's scopes as requirements: spec.scopes (Exists) and spec.scopeSelector's expressions. */
export function quotaScopes(q: Readonly<QuotaObject>): ScopedResourceSelectorRequirement[] {
  const plain = (q.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  return [...plain, ...(q.spec?.scopeSelector?.matchExpressions ?? [])];
}

function podMatches(pod: Readonly<PodObject>, r: ScopedResourceSelectorRequirement): boolean {
  if (r.scopeName === 'PriorityClass') {
    const pc = pod.spec?.priorityClassName ?? '';
    const values = r.values ?? [];
    if (r.operator === 'In') return values.includes(pc);
    if (r.operator === 'NotIn') return !values.includes(pc);
    if (r.operator === 'Exists') return pc !== '';
    return pc === '';
  }
  const f = SCOPES[r.scopeName];
  if (!f) return false; // CrossNamespacePodAffinity and unknown scopes: not modelled, match nothing
  return r.operator === 'DoesNotExist' ? !f(pod) : f(pod);
}

export const podMatchesScopes = (pod: Readonly<PodObject>, scopes: readonly ScopedResourceSelectorRequirement[]): boolean =>
  scopes.every((s) => podMatches(pod, s));
