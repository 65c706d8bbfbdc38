/** policy/v1 PodDisruptionBudget validation (upstream's ValidatePodDisruptionBudget). */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { FieldPath, invalid, notSupported, type ErrorList } from '../../../machinery/validation/field.js';
import { validateNotMoreThan100Percent, validatePositiveIntOrPercent } from '../../../machinery/validation/intorpercent.js';
import { validateLabelSelector } from '../../../machinery/validation/label-selector.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): ErrorList {
  const errs = validateObjectMeta(pdb.metadata, { namespaced: true });
  const spec = pdb.spec ?? {};
  const sp = FieldPath.root('spec');
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid(sp, spec, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const k of ['minAvailable', 'maxUnavailable'] as const) {
    errs.push(...validatePositiveIntOrPercent(spec[k], sp.child(k)), ...validateNotMoreThan100Percent(spec[k], sp.child(k)));
  }
  errs.push(...validateLabelSelector(spec.selector, sp.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy && !EVICTION_POLICIES.includes(policy)) errs.push(notSupported(sp.child('unhealthyPodEvictionPolicy'), policy, EVICTION_POLICIES));
  return errs;
}

export function validatePodDisruptionBudgetUpdate(next: PodDisruptionBudget, prev: PodDisruptionBudget): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }), ...validatePodDisruptionBudget(next).filter((e) => !e.field.startsWith('metadata'))];
}
