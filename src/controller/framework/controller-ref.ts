/**
 * Controller references (metav1.GetControllerOf / NewControllerRef) and the patches that adopt and release an
 * object. The patches are strategic merge patches on `metadata.ownerReferences` (merge key `uid`) that also carry
 * the object's own `metadata.uid`: if the object was deleted and re-created under the same name, the uid differs
 * and the server rejects the patch (422, uid is immutable) instead of touching the newcomer.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../client/interface.js';

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

export const apiVersionOf = (gvk: GroupVersionKind): string => (gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);

/** The object's owner references (none → empty). */
export const ownerRefsOf = (obj: Readonly<KubeObject>): readonly OwnerReference[] =>
  (obj.metadata?.ownerReferences as OwnerReference[] | undefined) ?? [];

/** A copy of the object's controller reference (the owner reference with controller: true), if any. */
export function getControllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  const ref = ownerRefsOf(obj).find((r) => r.controller === true);
  return ref ? { ...ref } : undefined;
}

/** The reference a controller puts on what it creates: controller and blockOwnerDeletion both true. */
export function newControllerRef(owner: Readonly<KubeObject>, gvk: GroupVersionKind): OwnerReference {
  return {
    apiVersion: apiVersionOf(gvk),
    kind: gvk.kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** Adds the owner's controller reference to the object whose uid is `uid`. */
export function adoptPatch(owner: Readonly<KubeObject>, gvk: GroupVersionKind, uid: string): unknown {
  return { metadata: { ownerReferences: [newControllerRef(owner, gvk)], uid } };
}

/** Removes the owner references with `ownerUid` from the object whose uid is `uid`. */
export function releasePatch(ownerUid: string, uid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid } };
}

/**
 * A JSON merge patch that sets the whole `ownerReferences` list, guarded by the cached `resourceVersion`: the write
 * fails with 409 Conflict when the object changed since it was read, instead of clobbering a newer list.
 */
export function ownerRefsMergePatch(obj: Readonly<KubeObject>, refs: readonly OwnerReference[]): unknown {
  return { metadata: { ownerReferences: refs, resourceVersion: obj.metadata?.resourceVersion } };
}
