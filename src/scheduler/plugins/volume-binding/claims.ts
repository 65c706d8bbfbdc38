/**
 * A pod's claims as VolumeBinding sees them (upstream's podHasPVCs and GetPodVolumeClaims):
 * - every PVC volume and generic ephemeral volume (its claim is `<pod>-<volume>`) must have its PVC, not Lost, not
 *   being deleted, and an ephemeral one must be owned by the pod; otherwise the pod waits, unresolvable;
 * - a claim is bound when spec.volumeName is set and the PV controller marked the binding complete
 *   (`pv.kubernetes.io/bind-completed`);
 * - an unbound claim of a WaitForFirstConsumer class waits for scheduling (delayed binding); any other unbound
 *   claim, or one pre-bound to a PV (volumeName set, binding not complete), is "immediate": the PV controller must
 *   bind it first.
 */
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1.js';
import type { Lister } from '../../../client/informer/interface.js';
import type { PVCObject, StorageClassObject } from './types.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

type PVC = Readonly<PersistentVolumeClaim>;

export interface PodVolumeClaims {
  bound: PVC[];
  unboundDelayBinding: PVC[];
  unboundImmediate: PVC[];
}

/** The claim a volume uses, if any. */
export function volumeClaim(pod: Readonly<Pod>, v: Readonly<Volume>): { name: string; ephemeral: boolean } | undefined {
  if (v.persistentVolumeClaim) return { name: v.persistentVolumeClaim.claimName, ephemeral: false };
  if (v.ephemeral) return { name: `${pod.metadata?.name ?? ''}-${v.name}`, ephemeral: true };
  return undefined;
}

const controlledBy = (pvc: PVC, pod: Readonly<Pod>): boolean =>
  (pvc.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === pod.metadata?.uid);

/** The claim's PVC, or why the pod cannot be scheduled until it changes. */
function lookupClaim(pod: Readonly<Pod>, c: { name: string; ephemeral: boolean }, pvcs: Lister<PVCObject>): PVC | string {
  const ns = pod.metadata?.namespace ?? '';
  const pvc = pvcs.get(ns, c.name);
  if (!pvc) {
    return c.ephemeral
      ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"`
      : `persistentvolumeclaim "${c.name}" not found`;
  }
  if (pvc.status?.phase === 'Lost') {
    return `persistentvolumeclaim "${c.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`;
  }
  if (pvc.metadata?.deletionTimestamp) return `persistentvolumeclaim "${c.name}" is being deleted`;
  if (c.ephemeral && (pvc.metadata?.namespace !== ns || !controlledBy(pvc, pod))) {
    return `PVC ${ns}/${c.name} was not created for pod ${ns}/${pod.metadata?.name ?? ''} (pod is not owner)`;
  }
  return pvc;
}

/** The pod's claims in volume order, or the first problem (the reason the pod is rejected). */
export function podClaims(pod: Readonly<Pod>, pvcs: Lister<PVCObject>): { claims: PVC[]; error?: string } {
  const claims: PVC[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const c = volumeClaim(pod, v);
    if (!c) continue;
    const r = lookupClaim(pod, c, pvcs);
    if (typeof r === 'string') return { claims, error: r };
    claims.push(r);
  }
  return { claims };
}

export const isFullyBound = (pvc: PVC): boolean =>
  !!pvc.spec?.volumeName && Object.prototype.hasOwnProperty.call(pvc.metadata?.annotations ?? {}, ANN_BIND_COMPLETED);

/** The claim's class: the beta annotation first, then spec.storageClassName. */
export const claimClass = (pvc: PVC): string =>
  pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? pvc.spec?.storageClassName ?? '';

/** Whether the claim's class binds on first consumer; a class that does not exist binds immediately. Throws for a class without a mode. */
export function isDelayBindingMode(pvc: PVC, classes: Lister<StorageClassObject>): boolean {
  const name = claimClass(pvc);
  if (!name) return false;
  const sc = classes.get('', name);
  if (!sc) return false;
  if (!sc.volumeBindingMode) throw new Error(`VolumeBindingMode not set for StorageClass "${name}"`);
  return sc.volumeBindingMode === 'WaitForFirstConsumer';
}

/** Sorts the claims into bound, delayed and immediate (throws as isDelayBindingMode). */
export function classifyClaims(claims: readonly PVC[], classes: Lister<StorageClassObject>): PodVolumeClaims {
  const out: PodVolumeClaims = { bound: [], unboundDelayBinding: [], unboundImmediate: [] };
  for (const pvc of claims) {
    if (isFullyBound(pvc)) {
      out.bound.push(pvc);
      continue;
    }
    const delay = isDelayBindingMode(pvc, classes);
    if (delay && !pvc.spec?.volumeName) out.unboundDelayBinding.push(pvc);
    else out.unboundImmediate.push(pvc);
  }
  return out;
}
