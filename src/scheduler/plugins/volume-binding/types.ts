/** The storage objects VolumeBinding reads from informers (kubernetes-types objects that are also KubeObjects). */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import type { KubeObject } from '../../../client/interface.js';

export type PVCObject = PersistentVolumeClaim & KubeObject;
export type PVObject = PersistentVolume & KubeObject;
export type StorageClassObject = StorageClass & KubeObject;
