/** storage.k8s.io/v1 StorageClass validation (upstream's ValidateStorageClass and its update). */
import type { StorageClass } from 'kubernetes-types/storage/v1.js';
import { FieldPath, forbidden, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { isQualifiedName } from '../../../machinery/validation/names.js';
import { deepEqual } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

const RECLAIM = ['Delete', 'Retain'];
const BINDING = ['Immediate', 'WaitForFirstConsumer'];

export function validateStorageClass(sc: StorageClass): ErrorList {
  const errs = validateObjectMeta(sc.metadata, { namespaced: false });
  const p = FieldPath.root('provisioner');
  if (!sc.provisioner) errs.push(required(p, ''));
  else errs.push(...isQualifiedName(sc.provisioner.toLowerCase()).map((m) => invalid(p, sc.provisioner, m)));
  if (sc.reclaimPolicy && !RECLAIM.includes(sc.reclaimPolicy)) errs.push(notSupported(FieldPath.root('reclaimPolicy'), sc.reclaimPolicy, RECLAIM));
  if (!sc.volumeBindingMode) errs.push(required(FieldPath.root('volumeBindingMode'), ''));
  else if (!BINDING.includes(sc.volumeBindingMode)) errs.push(notSupported(FieldPath.root('volumeBindingMode'), sc.volumeBindingMode, BINDING));
  return errs;
}

export function validateStorageClassUpdate(next: StorageClass, prev: StorageClass): ErrorList {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: false })];
  if (!deepEqual(next.parameters ?? {}, prev.parameters ?? {})) errs.push(forbidden(FieldPath.root('parameters'), 'updates to parameters are forbidden.'));
  if (next.provisioner !== prev.provisioner) errs.push(forbidden(FieldPath.root('provisioner'), 'updates to provisioner are forbidden.'));
  if (next.reclaimPolicy !== prev.reclaimPolicy) errs.push(forbidden(FieldPath.root('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  if (next.volumeBindingMode !== prev.volumeBindingMode) errs.push(forbidden(FieldPath.root('volumeBindingMode'), 'field is immutable'));
  return errs;
}
