/**
 * A StatefulSet pod's stable identity (upstream's stateful_set_utils): the name `<set>-<ordinal>`, the pod-name
 * and pod-index labels, hostname and subdomain, and the volumes that bind it to its claims `<claim>-<set>-<ordinal>`.
 */
import type { PersistentVolumeClaim, Volume } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { newControllerRef } from '../framework/index.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/revisions.js';
import { POD_INDEX_LABEL, POD_NAME_LABEL, STATEFUL_SET_GVK, type ClaimObject, type P, type PodObject, type S } from './types.js';

const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;

/** The set name and ordinal a pod's name encodes; ordinal -1 when it encodes none. */
export function parentAndOrdinal(p: P): { parent: string; ordinal: number } {
  const m = STATEFUL_POD_NAME.exec(p.metadata?.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const ordinal = Number(m[2]);
  return Number.isSafeInteger(ordinal) ? { parent: m[1]!, ordinal } : { parent: '', ordinal: -1 };
}

export const getOrdinal = (p: P): number => parentAndOrdinal(p).ordinal;

/** The pod's name says it belongs to this set (the filter applied before claiming). */
export const isMemberOf = (set: S, p: P): boolean => parentAndOrdinal(p).parent === set.metadata?.name;

export const podName = (set: S, ordinal: number): string => `${set.metadata?.name}-${ordinal}`;

export const claimName = (set: S, claim: Readonly<PersistentVolumeClaim>, ordinal: number): string =>
  `${claim.metadata?.name}-${set.metadata?.name}-${ordinal}`;

/** spec.ordinals.start (0 when unset). */
export const startOrdinal = (set: S): number => set.spec?.ordinals?.start ?? 0;

/** The ordinals [start, start + replicas) the set should run. */
export const endOrdinal = (set: S): number => startOrdinal(set) + (set.spec?.replicas ?? 1);

export const podRevision = (p: P): string => p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ?? '';

/** The claims a pod of `ordinal` uses: each template named for the pod, labelled with the set's matchLabels. */
export function claimsFor(set: S, ordinal: number): ClaimObject[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((t) => {
    const match = set.spec?.selector?.matchLabels ?? {};
    const metadata = { ...structuredClone(t.metadata), name: claimName(set, t, ordinal), namespace: set.metadata?.namespace };
    metadata.labels = { ...metadata.labels, ...match };
    return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredClone(t.spec ?? {}) } as ClaimObject;
  });
}

export function identityMatches(set: S, p: P): boolean {
  const { parent, ordinal } = parentAndOrdinal(p);
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    p.metadata?.namespace === set.metadata?.namespace &&
    p.metadata?.labels?.[POD_NAME_LABEL] === p.metadata?.name &&
    p.metadata?.labels?.[POD_INDEX_LABEL] === String(ordinal)
  );
}

export function storageMatches(set: S, p: P): boolean {
  const ordinal = getOrdinal(p);
  if (ordinal < 0) return false;
  const volumes = new Map((p.spec?.volumes ?? []).map((v) => [v.name, v]));
  return (set.spec?.volumeClaimTemplates ?? []).every((t) => volumes.get(t.metadata?.name ?? '')?.persistentVolumeClaim?.claimName === claimName(set, t, ordinal));
}

/** Sets the name, namespace and identity labels from the pod's ordinal. */
export function updateIdentity(set: S, pod: PodObject): void {
  const ordinal = getOrdinal(pod);
  const name = podName(set, ordinal);
  pod.metadata = { ...pod.metadata, name, namespace: set.metadata?.namespace };
  pod.metadata.labels = { ...pod.metadata.labels, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) };
}

/** Points the volumes named like claim templates at the pod's claims; other volumes are kept. */
export function updateStorage(set: S, pod: PodObject): void {
  const ordinal = getOrdinal(pod);
  const templates = set.spec?.volumeClaimTemplates ?? [];
  const names = new Set(templates.map((t) => t.metadata?.name));
  const claimed: Volume[] = templates.map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }));
  const others = (pod.spec?.volumes ?? []).filter((v) => !names.has(v.name));
  if (claimed.length + others.length > 0) pod.spec = { containers: [], ...pod.spec, volumes: [...claimed, ...others] };
}

/** The pod of `ordinal` from the set's template (upstream's newStatefulSetPod), labelled with `revision`. */
export function newStatefulSetPod(set: S, ordinal: number, revision: string): PodObject {
  const t = structuredClone(set.spec?.template ?? {});
  const meta: ObjectMeta = { name: podName(set, ordinal), namespace: set.metadata?.namespace, ownerReferences: [newControllerRef(set, STATEFUL_SET_GVK)] };
  meta.labels = { ...t.metadata?.labels, [CONTROLLER_REVISION_HASH_LABEL]: revision };
  if (t.metadata?.annotations) meta.annotations = t.metadata.annotations;
  if (t.metadata?.finalizers) meta.finalizers = t.metadata.finalizers;
  const pod: PodObject = { apiVersion: 'v1', kind: 'Pod', metadata: meta as PodObject['metadata'], spec: t.spec ?? { containers: [] } };
  updateIdentity(set, pod);
  pod.spec!.hostname = pod.metadata!.name;
  if (set.spec?.serviceName) pod.spec!.subdomain = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}
