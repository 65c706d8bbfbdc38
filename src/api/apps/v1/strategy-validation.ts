/** Rollout strategies of deployments, statefulsets and daemonsets (upstream's ValidateDeploymentStrategy …). */
import type { DaemonSetUpdateStrategy, DeploymentStrategy, StatefulSetSpec } from 'kubernetes-types/apps/v1.js';
import { forbidden, invalid, notSupported, required, type ErrorList, type FieldPath } from '../../../machinery/validation/field.js';
import {
  isZeroIntOrPercent,
  validateNotMoreThan100Percent,
  validatePositiveIntOrPercent,
} from '../../../machinery/validation/intorpercent.js';
import { validateNonnegative } from '../../../machinery/validation/numeric.js';

function enumField(value: string | undefined, valid: string[], path: FieldPath): ErrorList {
  if (!value) return [required(path, '')];
  return valid.includes(value) ? [] : [notSupported(path, value, valid)];
}

function validateSurge(ru: { maxUnavailable?: number | string; maxSurge?: number | string }, path: FieldPath): ErrorList {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, path.child('maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, path.child('maxSurge')),
    ...validateNotMoreThan100Percent(ru.maxUnavailable, path.child('maxUnavailable')),
  ];
  if (isZeroIntOrPercent(ru.maxUnavailable) && isZeroIntOrPercent(ru.maxSurge ?? 0)) {
    errs.push(invalid(path.child('maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  }
  return errs;
}

export function validateDeploymentStrategy(s: DeploymentStrategy | undefined, path: FieldPath): ErrorList {
  const errs = enumField(s?.type, ['Recreate', 'RollingUpdate'], path.child('type'));
  if (s?.type === 'Recreate' && s.rollingUpdate) {
    errs.push(forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
  }
  if (s?.type === 'RollingUpdate') {
    if (!s.rollingUpdate) errs.push(required(path.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else errs.push(...validateSurge(s.rollingUpdate, path.child('rollingUpdate')));
  }
  return errs;
}

export function validateStatefulSetStrategy(spec: StatefulSetSpec, path: FieldPath): ErrorList {
  const errs = enumField(spec.podManagementPolicy, ['OrderedReady', 'Parallel'], path.child('podManagementPolicy'));
  const us = spec.updateStrategy;
  const usPath = path.child('updateStrategy');
  errs.push(...enumField(us?.type, ['OnDelete', 'RollingUpdate'], usPath.child('type')));
  if (us?.type === 'OnDelete' && us.rollingUpdate) {
    errs.push(invalid(usPath.child('rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  }
  if (us?.rollingUpdate) {
    errs.push(...validateNonnegative(us.rollingUpdate.partition, usPath.child('rollingUpdate', 'partition')));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  const rPath = path.child('persistentVolumeClaimRetentionPolicy');
  for (const k of ['whenDeleted', 'whenScaled'] as const) {
    const v = retention?.[k];
    if (v && !['Delete', 'Retain'].includes(v)) errs.push(notSupported(rPath.child(k), v, ['Delete', 'Retain']));
  }
  return errs;
}

export function validateDaemonSetStrategy(s: DaemonSetUpdateStrategy | undefined, path: FieldPath): ErrorList {
  const errs = enumField(s?.type, ['OnDelete', 'RollingUpdate'], path.child('type'));
  if (s?.type === 'RollingUpdate') {
    if (!s.rollingUpdate) errs.push(required(path.child('rollingUpdate'), ''));
    else errs.push(...validateSurge(s.rollingUpdate, path.child('rollingUpdate')));
  }
  return errs;
}
