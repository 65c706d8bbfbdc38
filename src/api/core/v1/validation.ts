/**
 * core/v1 validation for the smaller kinds (namespaces, nodes, events, service accounts, endpoints, limit
 * ranges, quotas, pod templates, replication controllers). Pods, services, configmaps/secrets and volumes
 * have their own files, re-exported here.
 */
import type {
  Endpoints,
  Event,
  LimitRange,
  Namespace,
  Node,
  PodTemplate,
  ReplicationController,
  ResourceQuota,
  ServiceAccount,
} from 'kubernetes-types/core/v1.js';
import { FieldPath, duplicate, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { isDNS1123Label, isQualifiedName, isValidPortNum } from '../../../machinery/validation/names.js';
import { isValidCIDR, isValidIP } from '../../../machinery/validation/ip.js';
import { validateNonnegative } from '../../../machinery/validation/numeric.js';
import { nameIsDNSLabel, validateObjectMeta } from '../../../machinery/validation/objectmeta.js';
import { validateProtocol } from './container-validation.js';
import { validatePodTemplateSpec } from './pod-validation.js';
import { validateResourceList } from './resources-validation.js';
import { validateWorkloadTemplate } from './template-validation.js';

export * from './pod-validation.js';
export * from './pod-update-validation.js';
export * from './service-validation.js';
export * from './config-validation.js';
export * from './storage-validation.js';

const STANDARD_FINALIZERS = new Set(['kubernetes']);

export function validateNamespace(ns: Namespace): ErrorList {
  const errs = validateObjectMeta(ns.metadata, { namespaced: false, nameFn: nameIsDNSLabel });
  const path = FieldPath.root('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    const msgs = isQualifiedName(f);
    if (msgs.length) errs.push(...msgs.map((m) => invalid(path, f, m)));
    else if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

export function validateNode(node: Node): ErrorList {
  const errs = validateObjectMeta(node.metadata, { namespaced: false });
  const spec = node.spec ?? {};
  const cidrs = spec.podCIDRs ?? (spec.podCIDR ? [spec.podCIDR] : []);
  cidrs.forEach((c, i) => errs.push(...isValidCIDR(c).map((m) => invalid(FieldPath.root('spec', 'podCIDRs').index(i), c, m))));
  const seen = new Set<string>();
  (spec.taints ?? []).forEach((t, i) => {
    const p = FieldPath.root('spec', 'taints').index(i);
    errs.push(...isQualifiedName(t.key ?? '').map((m) => invalid(p.child('key'), t.key, m)));
    if (!t.effect) errs.push(required(p.child('effect'), ''));
    else if (!TAINT_EFFECTS.includes(t.effect)) errs.push(notSupported(p.child('effect'), t.effect, TAINT_EFFECTS));
    const key = `${t.key}:${t.effect}`;
    if (seen.has(key)) errs.push(duplicate(p, `${t.key}:${t.effect}`));
    seen.add(key);
  });
  return errs;
}

export function validateEvent(ev: Event): ErrorList {
  const errs = validateObjectMeta(ev.metadata, { namespaced: true });
  const involvedNs = ev.involvedObject?.namespace;
  if (involvedNs && involvedNs !== ev.metadata?.namespace) {
    errs.push(invalid(FieldPath.root('involvedObject', 'namespace'), involvedNs, 'does not match event.namespace'));
  }
  if (ev.type && !['Normal', 'Warning'].includes(ev.type)) errs.push(notSupported(FieldPath.root('type'), ev.type, ['Normal', 'Warning']));
  return errs;
}

export function validateServiceAccount(sa: ServiceAccount): ErrorList {
  return validateObjectMeta(sa.metadata, { namespaced: true });
}

export function validateEndpoints(ep: Endpoints): ErrorList {
  const errs = validateObjectMeta(ep.metadata, { namespaced: true });
  (ep.subsets ?? []).forEach((s, i) => {
    const sp = FieldPath.root('subsets').index(i);
    for (const k of ['addresses', 'notReadyAddresses'] as const) {
      (s[k] ?? []).forEach((a, j) => errs.push(...isValidIP(a.ip).map((m) => invalid(sp.child(k).index(j).child('ip'), a.ip, m))));
    }
    (s.ports ?? []).forEach((p, j) => {
      const pp = sp.child('ports').index(j);
      if ((s.ports ?? []).length > 1 && !p.name) errs.push(required(pp.child('name'), ''));
      if (p.name) errs.push(...isDNS1123Label(p.name).map((m) => invalid(pp.child('name'), p.name, m)));
      errs.push(...isValidPortNum(p.port).map((m) => invalid(pp.child('port'), p.port, m)));
      errs.push(...validateProtocol(p.protocol, pp.child('protocol')));
    });
  });
  return errs;
}

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];

export function validateLimitRange(lr: LimitRange): ErrorList {
  const errs = validateObjectMeta(lr.metadata, { namespaced: true });
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = FieldPath.root('spec', 'limits').index(i);
    if (!item.type) errs.push(required(p.child('type'), ''));
    else if (!LIMIT_TYPES.includes(item.type)) errs.push(notSupported(p.child('type'), item.type, LIMIT_TYPES));
    const lists = Object.fromEntries(
      (['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const).map((k) => {
        const r = validateResourceList(item[k], p.child(k));
        errs.push(...r.errs);
        return [k, r.parsed];
      }),
    );
    for (const [name, min] of lists['min']!) {
      const max = lists['max']!.get(name);
      if (max && min.cmp(max) > 0) errs.push(invalid(p.child('min').key(name), min.toString(), `min value ${min} is greater than max value ${max}`));
    }
  });
  return errs;
}

const QUOTA_SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating'];

export function validateResourceQuota(rq: ResourceQuota): ErrorList {
  const errs = validateObjectMeta(rq.metadata, { namespaced: true });
  errs.push(...validateResourceList(rq.spec?.hard, FieldPath.root('spec', 'hard')).errs);
  (rq.spec?.scopes ?? []).forEach((s, i) => {
    if (!QUOTA_SCOPES.includes(s)) errs.push(notSupported(FieldPath.root('spec', 'scopes').index(i), s, QUOTA_SCOPES));
  });
  return errs;
}

export function validatePodTemplate(pt: PodTemplate): ErrorList {
  return [...validateObjectMeta(pt.metadata, { namespaced: true }), ...validatePodTemplateSpec(pt.template, FieldPath.root('template'))];
}

export function validateReplicationController(rc: ReplicationController): ErrorList {
  const errs = validateObjectMeta(rc.metadata, { namespaced: true });
  const spec = rc.spec ?? {};
  const path = FieldPath.root('spec');
  const selector = spec.selector ?? {};
  if (Object.keys(selector).length === 0) errs.push(required(path.child('selector'), ''));
  errs.push(...validateNonnegative(spec.replicas, path.child('replicas')));
  errs.push(...validateNonnegative(spec.minReadySeconds, path.child('minReadySeconds')));
  if (!spec.template) errs.push(required(path.child('template'), ''));
  else {
    const selects = (labels: Record<string, string>): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);
    errs.push(...validateWorkloadTemplate(spec.template, { kind: 'ReplicationController', selects }, path.child('template')));
  }
  return errs;
}
