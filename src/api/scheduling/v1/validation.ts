/** scheduling.k8s.io/v1 PriorityClass validation (upstream's ValidatePriorityClass and its update). */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';
import { FieldPath, forbidden, invalid, notSupported, type ErrorList } from '../../../machinery/validation/field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

/** The largest value a user-defined class may have (HighestUserDefinablePriority). */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };
const POLICIES = ['Never', 'PreemptLowerPriority'];

export function validatePriorityClass(pc: PriorityClass): ErrorList {
  const errs = validateObjectMeta(pc.metadata, { namespaced: false });
  const name = pc.metadata?.name ?? '';
  const system = SYSTEM_CLASSES[name];
  if (system !== undefined) {
    if (pc.value !== system) errs.push(forbidden(FieldPath.root('metadata', 'name'), `${name} is a system critical priority class and must have value ${system}`));
  } else if (name.startsWith('system-')) {
    errs.push(forbidden(FieldPath.root('metadata', 'name'), "priority class names with 'system-' prefix are reserved"));
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(FieldPath.root('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy && !POLICIES.includes(pc.preemptionPolicy)) {
    errs.push(notSupported(FieldPath.root('preemptionPolicy'), pc.preemptionPolicy, POLICIES));
  }
  return errs;
}

export function validatePriorityClassUpdate(next: PriorityClass, prev: PriorityClass): ErrorList {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: false })];
  if (next.value !== prev.value) errs.push(forbidden(FieldPath.root('value'), 'may not be changed in an update.'));
  if (next.preemptionPolicy !== prev.preemptionPolicy) errs.push(invalid(FieldPath.root('preemptionPolicy'), next.preemptionPolicy, 'field is immutable'));
  return errs;
}
