/** ownerReference helpers (stand-in for controller/framework's getControllerOf/newControllerRef). */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../../client/interface.js';

interface Owned {
  metadata?: { ownerReferences?: OwnerReference[] } & KubeObject['metadata'];
}

/** The ownerReference with `controller: true`, if any. */
export function getControllerOf(obj: Readonly<KubeObject>): OwnerReference | undefined {
  return (obj as Owned).metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** A controller reference to `owner` (controller and blockOwnerDeletion true, as upstream). */
export function newControllerRef(owner: Readonly<KubeObject>, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: String(owner.metadata?.uid ?? ''),
    controller: true,
    blockOwnerDeletion: true,
  };
}
