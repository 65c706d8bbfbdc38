/** coordination.k8s.io/v1 Lease validation (upstream's ValidateLease). */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import { FieldPath, invalid, type ErrorList } from '../../../machinery/validation/field.js';
import { validateNonnegative } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

export function validateLease(lease: Lease): ErrorList {
  const errs = validateObjectMeta(lease.metadata, { namespaced: true });
  const spec = lease.spec ?? {};
  const d = spec.leaseDurationSeconds;
  if (d !== undefined && d <= 0) errs.push(invalid(FieldPath.root('spec', 'leaseDurationSeconds'), d, 'must be greater than 0'));
  errs.push(...validateNonnegative(spec.leaseTransitions, FieldPath.root('spec', 'leaseTransitions')));
  return errs;
}

export function validateLeaseUpdate(next: Lease, prev: Lease): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }), ...validateLease(next).filter((e) => !e.field.startsWith('metadata'))];
}
