/** storage.k8s.io/v1 defaults: StorageClass reclaimPolicy Delete, volumeBindingMode Immediate. */
import type { StorageClass } from 'kubernetes-types/storage/v1.js';

export function defaultStorageClass(sc: StorageClass): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}
