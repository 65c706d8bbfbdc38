/**
 * Pod and PodSpec validation (upstream's ValidatePod, ValidatePodSpec, ValidatePodTemplateSpec). Field paths are
 * upstream's: `spec.containers[0].image`, `spec.template.spec.volumes[1].name`.
 */
import type { Container, Pod, PodSpec, PodTemplateSpec, Toleration } from 'kubernetes-types/core/v1.js';
import {
  FieldPath,
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  type ErrorList,
} from '../../../machinery/validation/field.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../../machinery/validation/names.js';
import { validateAnnotations, validateLabels, validateObjectMeta } from '../../../machinery/validation/objectmeta.js';
import { validateContainerCommon, validateProbes } from './container-validation.js';
import { validateVolumes } from './volume-validation.js';

export const RESTART_POLICIES = ['Always', 'Never', 'OnFailure'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const MAX_INT32 = 2147483647;

const subdomain = (value: string | undefined, path: FieldPath): ErrorList =>
  value ? isDNS1123Subdomain(value).map((m) => invalid(path, value, m)) : [];
const label = (value: string | undefined, path: FieldPath): ErrorList =>
  value ? isDNS1123Label(value).map((m) => invalid(path, value, m)) : [];

function validateContainerName(c: Container, path: FieldPath, seen: Set<string>): ErrorList {
  if (!c.name) return [required(path.child('name'), '')];
  const errs = label(c.name, path.child('name'));
  if (seen.has(c.name)) errs.push(duplicate(path.child('name'), c.name));
  seen.add(c.name);
  return errs;
}

function validateContainers(list: Container[] | undefined, volumes: Set<string>, path: FieldPath, seen: Set<string>): ErrorList {
  if (!list || list.length === 0) return [required(path, '')];
  const errs: ErrorList = [];
  list.forEach((c, i) => {
    const ip = path.index(i);
    errs.push(...validateContainerName(c, ip, seen), ...validateContainerCommon(c, ip, volumes), ...validateProbes(c, ip));
    if (c.restartPolicy) errs.push(forbidden(ip.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  return errs;
}

function validateInitContainers(list: Container[] | undefined, volumes: Set<string>, path: FieldPath, seen: Set<string>): ErrorList {
  const errs: ErrorList = [];
  (list ?? []).forEach((c, i) => {
    const ip = path.index(i);
    errs.push(...validateContainerName(c, ip, seen), ...validateContainerCommon(c, ip, volumes));
    if (c.restartPolicy === 'Always') {
      errs.push(...validateProbes(c, ip));
      return;
    }
    if (c.restartPolicy) errs.push(notSupported(ip.child('restartPolicy'), c.restartPolicy, ['Always']));
    for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
      if (c[k]) errs.push(forbidden(ip.child(k), 'may not be set for init containers without restartPolicy=Always'));
    }
  });
  return errs;
}

function validateToleration(t: Toleration, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (t.key) for (const m of isQualifiedName(t.key)) errs.push(invalid(path.child('key'), t.key, m));
  if (!t.key && t.operator !== 'Exists') {
    errs.push(invalid(path.child('operator'), t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    errs.push(invalid(path.child('effect'), t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
  }
  switch (t.operator ?? 'Equal') {
    case 'Equal':
      for (const m of isValidLabelValue(t.value ?? '')) errs.push(invalid(path.child('operator'), t.value, m));
      break;
    case 'Exists':
      if (t.value) errs.push(invalid(path.child('operator'), t.value, "value must be empty when `operator` is 'Exists'"));
      break;
    default:
      errs.push(notSupported(path.child('operator'), t.operator, ['Equal', 'Exists']));
  }
  if (t.effect && !TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(path.child('effect'), t.effect, TAINT_EFFECTS));
  return errs;
}

export function validateTolerations(tolerations: Toleration[] | undefined, path: FieldPath): ErrorList {
  return (tolerations ?? []).flatMap((t, i) => validateToleration(t, path.index(i)));
}

function validatePolicies(spec: PodSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const rp = spec.restartPolicy;
  if (!rp) errs.push(required(path.child('restartPolicy'), ''));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(path.child('restartPolicy'), rp, RESTART_POLICIES));
  const dp = spec.dnsPolicy;
  if (!dp) errs.push(required(path.child('dnsPolicy'), ''));
  else if (!DNS_POLICIES.includes(dp)) errs.push(notSupported(path.child('dnsPolicy'), dp, DNS_POLICIES));
  if (dp === 'None' && !(spec.dnsConfig?.nameservers ?? []).length) {
    errs.push(required(path.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  const ads = spec.activeDeadlineSeconds;
  if (ads !== undefined && (ads < 1 || ads > MAX_INT32)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), ads, inclusiveRangeError(1, MAX_INT32)));
  }
  return errs;
}

export function validatePodSpec(spec: PodSpec | undefined, path: FieldPath): ErrorList {
  const s = spec ?? ({ containers: [] } as PodSpec);
  const vols = validateVolumes(s.volumes, path.child('volumes'));
  const seen = new Set<string>();
  return [
    ...vols.errs,
    ...validateContainers(s.containers, vols.names, path.child('containers'), seen),
    ...validateInitContainers(s.initContainers, vols.names, path.child('initContainers'), seen),
    ...validatePolicies(s, path),
    ...validateLabels(s.nodeSelector, path.child('nodeSelector')),
    ...subdomain(s.serviceAccountName, path.child('serviceAccountName')),
    ...subdomain(s.nodeName, path.child('nodeName')),
    ...subdomain(s.schedulerName, path.child('schedulerName')),
    ...subdomain(s.priorityClassName, path.child('priorityClassName')),
    ...label(s.hostname, path.child('hostname')),
    ...label(s.subdomain, path.child('subdomain')),
    ...validateTolerations(s.tolerations, path.child('tolerations')),
  ];
}

/** A pod template in a workload: labels, annotations and the pod spec. */
export function validatePodTemplateSpec(t: PodTemplateSpec | undefined, path: FieldPath): ErrorList {
  if (!t) return [required(path, '')];
  return [
    ...validateLabels(t.metadata?.labels, path.child('metadata', 'labels')),
    ...validateAnnotations(t.metadata?.annotations, path.child('metadata', 'annotations')),
    ...validatePodSpec(t.spec, path.child('spec')),
  ];
}

export function validatePod(pod: Pod): ErrorList {
  return [...validateObjectMeta(pod.metadata, { namespaced: true }), ...validatePodSpec(pod.spec, FieldPath.root('spec'))];
}
