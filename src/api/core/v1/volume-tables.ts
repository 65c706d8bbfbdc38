/**
 * PersistentVolumes and PersistentVolumeClaims, as upstream's printers: access modes abbreviated (RWO, ROX, RWX,
 * RWOP), the storage class from the beta annotation before the spec field, Terminating while being deleted.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const ACCESS_MODES: ReadonlyArray<[string, string]> = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

/** Abbreviated, de-duplicated, in upstream's fixed order. */
export function accessModesString(modes: readonly string[] | undefined): string {
  const have = new Set(modes ?? []);
  return ACCESS_MODES.filter(([m]) => have.has(m))
    .map(([, short]) => short)
    .join(',');
}

type WithClass = { metadata?: { annotations?: Record<string, string> }; spec?: { storageClassName?: string } };
const storageClassOf = (obj: WithClass): string =>
  obj.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] ?? obj.spec?.storageClassName ?? '';

export const persistentVolumeTable: TableConvertor<PersistentVolume> = {
  columns: [
    nameColumn,
    column('Capacity', d('PersistentVolumeSpec.capacity')),
    column('Access Modes', d('PersistentVolumeSpec.accessModes')),
    column('Reclaim Policy', d('PersistentVolumeSpec.persistentVolumeReclaimPolicy')),
    column('Status', d('PersistentVolumeStatus.phase')),
    column('Claim', d('PersistentVolumeSpec.claimRef')),
    column('StorageClass', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pv'),
    column('Reason', d('PersistentVolumeStatus.reason')),
    ageColumn,
    wide('VolumeMode', d('PersistentVolumeSpec.volumeMode')),
  ],
  cells(pv, now) {
    const ref = pv.spec?.claimRef;
    return [
      nameOf(pv),
      pv.spec?.capacity?.['storage'] ?? '0',
      accessModesString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '',
      storageClassOf(pv),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      ageOf(pv, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

export const persistentVolumeClaimTable: TableConvertor<PersistentVolumeClaim> = {
  columns: [
    nameColumn,
    column('Status', d('PersistentVolumeClaimStatus.phase')),
    column('Volume', d('PersistentVolumeClaimSpec.volumeName')),
    column('Capacity', d('PersistentVolumeClaimStatus.capacity')),
    column('Access Modes', d('PersistentVolumeClaimStatus.accessModes')),
    column('StorageClass', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wide('VolumeMode', d('PersistentVolumeClaimSpec.volumeMode')),
  ],
  cells(pvc, now) {
    const bound = Boolean(pvc.spec?.volumeName);
    return [
      nameOf(pvc),
      pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      pvc.spec?.volumeName ?? '',
      bound ? (pvc.status?.capacity?.['storage'] ?? '0') : '',
      bound ? accessModesString(pvc.status?.accessModes) : '',
      storageClassOf(pvc),
      pvc.status?.currentVolumeAttributesClassName ?? '<unset>',
      ageOf(pvc, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};
