/**
 * The cluster events that can make a pod VolumeBinding rejected schedulable (upstream's EventsToRegister with
 * queueing hints enabled): storage classes appearing or changing topology, the pod's PVCs appearing or changing,
 * any PV change, nodes added or relabelled, and CSINode changes of the migrated-plugins annotation.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { CSINode, StorageClass } from 'kubernetes-types/storage/v1.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../../framework/interface.js';
import type { P } from '../../framework/types.js';
import { volumeClaim } from './claims.js';

export const MIGRATED_PLUGINS_ANNOTATION = 'storage.alpha.kubernetes.io/migrated-plugins';

/** Queue when the PVC (same namespace) is one of the pod's claims, ephemeral ones included. */
export function isSchedulableAfterPVCChange(pod: P, pvc: Readonly<PersistentVolumeClaim>): QueueingHint {
  if (pvc.metadata?.namespace !== pod.metadata?.namespace) return 'QueueSkip';
  const names = (pod.spec?.volumes ?? []).map((v) => volumeClaim(pod, v)?.name);
  return names.includes(pvc.metadata?.name ?? '') ? 'Queue' : 'QueueSkip';
}

/** A new class always may help; an update only when allowedTopologies changed (the binding mode is immutable). */
export function isSchedulableAfterStorageClassChange(oldSC: StorageClass | undefined, newSC: StorageClass): QueueingHint {
  if (!oldSC) return 'Queue';
  return JSON.stringify(oldSC.allowedTopologies ?? []) !== JSON.stringify(newSC.allowedTopologies ?? []) ? 'Queue' : 'QueueSkip';
}

export function isSchedulableAfterCSINodeChange(oldNode: CSINode | undefined, newNode: CSINode): QueueingHint {
  if (!oldNode) return 'Queue';
  const ann = (n: CSINode): string | undefined => n.metadata?.annotations?.[MIGRATED_PLUGINS_ANNOTATION];
  return ann(oldNode) !== ann(newNode) ? 'Queue' : 'QueueSkip';
}

const addOrUpdate = ActionType.Add | ActionType.Update;

export function volumeBindingEvents(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: 'StorageClass', actionType: addOrUpdate, label: 'StorageClassAdd|Update' },
      queueingHint: (_pod, oldObj, newObj) => isSchedulableAfterStorageClassChange(oldObj as StorageClass | undefined, newObj as StorageClass),
    },
    {
      event: { resource: 'PersistentVolumeClaim', actionType: addOrUpdate, label: 'PersistentVolumeClaimAdd|Update' },
      queueingHint: (pod, _oldObj, newObj) => isSchedulableAfterPVCChange(pod, newObj as PersistentVolumeClaim),
    },
    { event: { resource: 'PersistentVolume', actionType: addOrUpdate, label: 'PersistentVolumeAdd|Update' } },
    { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'NodeAdd|UpdateNodeLabel' } },
    {
      event: { resource: 'CSINode', actionType: addOrUpdate, label: 'CSINodeAdd|Update' },
      queueingHint: (_pod, oldObj, newObj) => isSchedulableAfterCSINodeChange(oldObj as CSINode | undefined, newObj as CSINode),
    },
  ];
}
