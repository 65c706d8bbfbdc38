/**
 * apps/v1 validation (upstream's pkg/apis/apps/validation): selectors that select their own template,
 * rollout strategies, and the fields an update may not change.
 */
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import { FieldPath, forbidden, invalid, required, type ErrorList } from '../../../machinery/validation/field.js';
import { isEmptySelector, selectorMatches, validateLabelSelector } from '../../../machinery/validation/label-selector.js';
import { deepEqual, validateImmutable, validateNonnegative } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';
import { validateWorkloadTemplate } from '../../core/v1/template-validation.js';
import { validateDaemonSetStrategy, validateDeploymentStrategy, validateStatefulSetStrategy } from './strategy-validation.js';

const SPEC = FieldPath.root('spec');
const META = { namespaced: true };

/** Selector required and non-empty, template labels selected by it, restartPolicy Always. */
function validateSelectorAndTemplate(
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  emptyMsgKind: string,
  templateKind: string,
): ErrorList {
  const errs: ErrorList = [];
  if (!selector) errs.push(required(SPEC.child('selector'), ''));
  else {
    errs.push(...validateLabelSelector(selector, SPEC.child('selector')));
    if (isEmptySelector(selector)) errs.push(invalid(SPEC.child('selector'), selector, `empty selector is invalid for ${emptyMsgKind}`));
  }
  const selects = selector && !isEmptySelector(selector) ? (l: Record<string, string>) => selectorMatches(selector, l) : undefined;
  errs.push(...validateWorkloadTemplate(template, { kind: templateKind, ...(selects ? { selects } : {}) }, SPEC.child('template')));
  return errs;
}

export function validateDeployment(d: Deployment): ErrorList {
  const spec = d.spec ?? ({} as Deployment['spec'] & object);
  const errs = [
    ...validateObjectMeta(d.metadata, META),
    ...validateNonnegative(spec.replicas, SPEC.child('replicas')),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'deployment', 'ReplicaSet'),
    ...validateDeploymentStrategy(spec.strategy, SPEC.child('strategy')),
    ...validateNonnegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')),
    ...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
  ];
  const pds = spec.progressDeadlineSeconds;
  if (pds !== undefined) {
    errs.push(...validateNonnegative(pds, SPEC.child('progressDeadlineSeconds')));
    if (pds <= (spec.minReadySeconds ?? 0)) errs.push(invalid(SPEC.child('progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

const withoutMeta = (errs: ErrorList): ErrorList => errs.filter((e) => !e.field.startsWith('metadata'));

export function validateDeploymentUpdate(next: Deployment, prev: Deployment): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, META),
    ...withoutMeta(validateDeployment(next)),
    ...validateImmutable(next.spec?.selector, prev.spec?.selector, SPEC.child('selector')),
  ];
}

export function validateReplicaSet(rs: ReplicaSet): ErrorList {
  const spec = rs.spec ?? ({} as ReplicaSet['spec'] & object);
  return [
    ...validateObjectMeta(rs.metadata, META),
    ...validateNonnegative(spec.replicas, SPEC.child('replicas')),
    ...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'deployment', 'ReplicaSet'),
  ];
}

export function validateReplicaSetUpdate(next: ReplicaSet, prev: ReplicaSet): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, META),
    ...withoutMeta(validateReplicaSet(next)),
    ...validateImmutable(next.spec?.selector, prev.spec?.selector, SPEC.child('selector')),
  ];
}

/**
 * The template as the controller will stamp it: every volumeClaimTemplate becomes a volume of the pod, so mounts
 * that name a claim template are valid (upstream skips pod-spec validation of StatefulSet templates for this reason).
 */
function withClaimVolumes(t: PodTemplateSpec | undefined, claims: readonly PersistentVolumeClaim[] | undefined): PodTemplateSpec | undefined {
  if (!t?.spec || !claims?.length) return t;
  const have = new Set((t.spec.volumes ?? []).map((v) => v.name));
  const extra = claims
    .map((c) => c.metadata?.name)
    .filter((n): n is string => !!n && !have.has(n))
    .map((name) => ({ name, persistentVolumeClaim: { claimName: name } }));
  return extra.length ? { ...t, spec: { ...t.spec, volumes: [...(t.spec.volumes ?? []), ...extra] } } : t;
}

export function validateStatefulSet(s: StatefulSet): ErrorList {
  const spec = s.spec ?? ({} as StatefulSet['spec'] & object);
  const errs = [
    ...validateObjectMeta(s.metadata, META),
    ...validateNonnegative(spec.replicas, SPEC.child('replicas')),
    ...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
    ...validateNonnegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')),
    ...validateSelectorAndTemplate(spec.selector, withClaimVolumes(spec.template, spec.volumeClaimTemplates), 'statefulset', 'StatefulSet'),
    ...validateStatefulSetStrategy(spec, SPEC),
  ];
  (spec.volumeClaimTemplates ?? []).forEach((pvc, i) => {
    if (!pvc.metadata?.name) errs.push(required(SPEC.child('volumeClaimTemplates').index(i).child('metadata', 'name'), ''));
  });
  return errs;
}

const STS_UPDATABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSetUpdate(next: StatefulSet, prev: StatefulSet): ErrorList {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata, META), ...withoutMeta(validateStatefulSet(next))];
  const strip = (s: StatefulSet): Record<string, unknown> => {
    const copy: Record<string, unknown> = { ...(s.spec ?? {}) };
    for (const k of STS_UPDATABLE) delete copy[k];
    return copy;
  };
  if (!deepEqual(strip(next), strip(prev))) {
    errs.push(forbidden(SPEC, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
  }
  return errs;
}

export function validateDaemonSet(ds: DaemonSet): ErrorList {
  const spec = ds.spec ?? ({} as DaemonSet['spec'] & object);
  return [
    ...validateObjectMeta(ds.metadata, META),
    ...validateSelectorAndTemplate(spec.selector, spec.template, 'daemonset', 'DaemonSet'),
    ...validateNonnegative(spec.minReadySeconds, SPEC.child('minReadySeconds')),
    ...validateNonnegative(spec.revisionHistoryLimit, SPEC.child('revisionHistoryLimit')),
    ...validateDaemonSetStrategy(spec.updateStrategy, SPEC.child('updateStrategy')),
  ];
}

export function validateDaemonSetUpdate(next: DaemonSet, prev: DaemonSet): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, META),
    ...withoutMeta(validateDaemonSet(next)),
    ...validateImmutable(next.spec?.selector, prev.spec?.selector, SPEC.child('selector')),
  ];
}

export function validateControllerRevision(cr: ControllerRevision): ErrorList {
  const errs = [...validateObjectMeta(cr.metadata, META), ...validateNonnegative(cr.revision, FieldPath.root('revision'))];
  if (cr.revision === undefined || cr.revision === null) errs.push(required(FieldPath.root('revision'), ''));
  return errs;
}

export function validateControllerRevisionUpdate(next: ControllerRevision, prev: ControllerRevision): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, META),
    ...withoutMeta(validateControllerRevision(next)),
    ...validateImmutable(next.data, prev.data, FieldPath.root('data')),
  ];
}
