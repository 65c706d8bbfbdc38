/** Finding the new and old replica sets of a deployment, and the orders upstream sorts them in. */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { stableJson } from './hash.js';
import { POD_TEMPLATE_HASH, REVISION, type DeploymentObject, type RS } from './types.js';

const created = (rs: RS): number => Date.parse(rs.metadata?.creationTimestamp ?? '') || 0;
export const rsReplicas = (rs: RS | undefined): number => rs?.spec?.replicas ?? 0;

/** Oldest first, then by name (upstream's ReplicaSetsByCreationTimestamp). */
export const byCreation = (a: RS, b: RS): number =>
  created(a) - created(b) || (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');

/** Larger first; ties newer first (scaling up) … */
export const bySizeNewer = (a: RS, b: RS): number => rsReplicas(b) - rsReplicas(a) || byCreation(b, a);
/** … or older first (scaling down). */
export const bySizeOlder = (a: RS, b: RS): number => rsReplicas(b) - rsReplicas(a) || byCreation(a, b);

export const revisionOf = (rs: RS | undefined): number => {
  const n = Number(rs?.metadata?.annotations?.[REVISION] ?? 0);
  return Number.isInteger(n) ? n : 0;
};
/** Lowest revision first, ties by creation (upstream's ReplicaSetsByRevision). */
export const byRevision = (a: RS, b: RS): number => revisionOf(a) - revisionOf(b) || byCreation(a, b);

export const maxRevision = (rss: readonly RS[]): number => Math.max(0, ...rss.map(revisionOf));

/** Templates equal once the pod-template-hash label is ignored on both sides (upstream's EqualIgnoreHash). */
export function equalIgnoreHash(a: Readonly<PodTemplateSpec> | undefined, b: Readonly<PodTemplateSpec> | undefined): boolean {
  const strip = (t: Readonly<PodTemplateSpec> | undefined): string => {
    const c = structuredClone(t ?? {}) as PodTemplateSpec;
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return stableJson(c);
  };
  return strip(a) === strip(b);
}

/** The oldest replica set whose template equals the deployment's (upstream's FindNewReplicaSet). */
export function findNewReplicaSet(d: Readonly<DeploymentObject>, rss: readonly RS[]): RS | undefined {
  return [...rss].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every replica set but the new one. */
export function findOldReplicaSets(d: Readonly<DeploymentObject>, rss: readonly RS[]): RS[] {
  const n = findNewReplicaSet(d, rss);
  return rss.filter((rs) => rs.metadata?.uid !== n?.metadata?.uid);
}

export const filterActive = (rss: readonly (RS | undefined)[]): RS[] => rss.filter((rs): rs is RS => !!rs && rsReplicas(rs) > 0);
export const sumReplicas = (rss: readonly (RS | undefined)[]): number => rss.reduce((n, rs) => n + rsReplicas(rs), 0);
export const sumStatus = (rss: readonly (RS | undefined)[], f: 'replicas' | 'readyReplicas' | 'availableReplicas'): number =>
  rss.reduce((n, rs) => n + (rs?.status?.[f] ?? 0), 0);
