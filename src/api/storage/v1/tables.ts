/** StorageClasses, as upstream's printStorageClass: the default class is named `standard (default)`. */
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const DEFAULT_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

export const isDefaultStorageClass = (sc: StorageClass): boolean =>
  DEFAULT_ANNOTATIONS.some((a) => sc.metadata?.annotations?.[a] === 'true');

export const storageClassTable: TableConvertor<StorageClass> = {
  columns: [
    nameColumn,
    column('Provisioner', d('StorageClass.provisioner')),
    column('ReclaimPolicy', d('StorageClass.reclaimPolicy')),
    column('VolumeBindingMode', d('StorageClass.volumeBindingMode')),
    column('AllowVolumeExpansion', d('StorageClass.allowVolumeExpansion')),
    ageColumn,
  ],
  cells: (sc, now) => [
    isDefaultStorageClass(sc) ? `${nameOf(sc)} (default)` : nameOf(sc),
    sc.provisioner ?? '',
    sc.reclaimPolicy ?? 'Delete',
    sc.volumeBindingMode ?? 'Immediate',
    sc.allowVolumeExpansion ?? false,
    ageOf(sc, now),
  ],
};

export const STORAGE_V1_TABLES: Readonly<Record<string, TableConvertor>> = { StorageClass: storageClassTable };
