/**
 * A quota's status (upstream's syncResourceQuota): hard = spec.hard; used = what the namespace's objects use, for
 * exactly the resources in hard (a tracked resource nobody uses is 0; an untracked one keeps its last value).
 */
import type { KubeObject } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { Quantity, tryParseQuantity } from '../../machinery/quantity/quantity.js';
import { addUsage, isTracked, usageOf } from './evaluators.js';
import { podMatchesScopes, quotaScopes } from './scopes.js';
import { TRACKED, type PodObject, type QuotaObject, type Usage } from './types.js';

export type ListerFor = (resource: string) => Lister<KubeObject>;

/** What the objects of `namespace` use, as the quota's scopes see them. */
export function namespaceUsage(quota: Readonly<QuotaObject>, listers: ListerFor, nowMs: number): Usage {
  const namespace = quota.metadata?.namespace ?? '';
  const scopes = quotaScopes(quota);
  const total: Usage = new Map();
  for (const t of TRACKED) {
    if (scopes.length > 0 && t.ref.resource !== 'pods') continue;
    for (const obj of listers(t.ref.resource).list(namespace)) {
      if (scopes.length > 0 && !podMatchesScopes(obj as PodObject, scopes)) continue;
      for (const [name, q] of usageOf(t, obj, nowMs)) addUsage(total, name, q);
    }
  }
  return total;
}

export interface QuotaStatus {
  hard: Record<string, string>;
  used: Record<string, string>;
}

/** The status the quota should have. */
export function desiredStatus(quota: Readonly<QuotaObject>, usage: Usage): QuotaStatus {
  const hard: Record<string, string> = {};
  const used: Record<string, string> = {};
  for (const [name, v] of Object.entries(quota.spec?.hard ?? {})) {
    hard[name] = tryParseQuantity(v)?.toString() ?? String(v);
    const prev = quota.status?.used?.[name];
    const u = usage.get(name) ?? (isTracked(name) ? Quantity.fromInt(0) : undefined);
    if (u) used[name] = u.toString();
    else if (prev !== undefined) used[name] = String(prev);
  }
  return { hard, used };
}

/** Semantic equality of resource lists (`1000m` equals `1`). */
export function sameResources(a: Readonly<Record<string, unknown>> | undefined, b: Readonly<Record<string, unknown>>): boolean {
  if (!a) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => {
    const qa = tryParseQuantity(a[k]);
    const qb = tryParseQuantity(b[k]);
    return qa && qb ? qa.cmp(qb) === 0 : a[k] === b[k];
  });
}
