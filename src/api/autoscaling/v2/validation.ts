/** autoscaling/v2 HorizontalPodAutoscaler validation (upstream's ValidateHorizontalPodAutoscaler, lighter). */
import type { HorizontalPodAutoscaler, MetricSpec } from 'kubernetes-types/autoscaling/v2.js';
import { FieldPath, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { isValidPathSegmentName } from '../../../machinery/validation/names.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SPEC = FieldPath.root('spec');

function validateMetric(m: MetricSpec, path: FieldPath): ErrorList {
  if (!m.type) return [required(path.child('type'), 'must specify a metric source type')];
  if (!METRIC_TYPES.includes(m.type)) return [notSupported(path.child('type'), m.type, METRIC_TYPES)];
  const key = (m.type.charAt(0).toLowerCase() + m.type.slice(1)) as keyof MetricSpec;
  if (!m[key]) return [required(path.child(key), `must populate information for the given metric source`)];
  return [];
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): ErrorList {
  const errs = validateObjectMeta(hpa.metadata, { namespaced: true });
  const spec = hpa.spec ?? ({} as NonNullable<HorizontalPodAutoscaler['spec']>);
  const ref = spec.scaleTargetRef ?? ({} as typeof spec.scaleTargetRef);
  const refPath = SPEC.child('scaleTargetRef');
  if (!ref.kind) errs.push(required(refPath.child('kind'), ''));
  else errs.push(...isValidPathSegmentName(ref.kind).map((m) => invalid(refPath.child('kind'), ref.kind, m)));
  if (!ref.name) errs.push(required(refPath.child('name'), ''));
  else errs.push(...isValidPathSegmentName(ref.name).map((m) => invalid(refPath.child('name'), ref.name, m)));
  const min = spec.minReplicas;
  if (min !== undefined && min < 0) errs.push(invalid(SPEC.child('minReplicas'), min, 'must be greater than or equal to 0'));
  if (!spec.maxReplicas || spec.maxReplicas < 1) errs.push(invalid(SPEC.child('maxReplicas'), spec.maxReplicas, 'must be greater than 0'));
  else if (min !== undefined && spec.maxReplicas < min) {
    errs.push(invalid(SPEC.child('maxReplicas'), spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  (spec.metrics ?? []).forEach((m, i) => errs.push(...validateMetric(m, SPEC.child('metrics').index(i))));
  return errs;
}

export function validateHorizontalPodAutoscalerUpdate(next: HorizontalPodAutoscaler, prev: HorizontalPodAutoscaler): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }),
    ...validateHorizontalPodAutoscaler(next).filter((e) => !e.field.startsWith('metadata')),
  ];
}
