/** Service validation (upstream's ValidateService and ValidateServiceUpdate). */
import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1.js';
import {
  FieldPath,
  duplicate,
  forbidden,
  invalid,
  notSupported,
  required,
  type ErrorList,
} from '../../../machinery/validation/field.js';
import { isDNS1123Label, isDNS1123Subdomain, isValidPortNum } from '../../../machinery/validation/names.js';
import { isValidIP } from '../../../machinery/validation/ip.js';
import {
  nameIsDNS1035Label,
  validateLabels,
  validateObjectMeta,
  validateObjectMetaUpdate,
} from '../../../machinery/validation/objectmeta.js';
import { validateProtocol } from './container-validation.js';
import { validatePortNumOrName } from './port-validation.js';

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

function validateServicePort(p: ServicePort, multiple: boolean, type: string | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (multiple && !p.name) errs.push(required(path.child('name'), ''));
  if (p.name) for (const m of isDNS1123Label(p.name)) errs.push(invalid(path.child('name'), p.name, m));
  for (const m of isValidPortNum(p.port)) errs.push(invalid(path.child('port'), p.port, m));
  errs.push(...validateProtocol(p.protocol, path.child('protocol')));
  errs.push(...validatePortNumOrName(p.targetPort, path.child('targetPort')));
  if (type === 'ClusterIP' && p.nodePort) errs.push(forbidden(path.child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
  if (p.nodePort) for (const m of isValidPortNum(p.nodePort)) errs.push(invalid(path.child('nodePort'), p.nodePort, m));
  return errs;
}

function validatePorts(spec: ServiceSpec, path: FieldPath): ErrorList {
  const ports = spec.ports ?? [];
  const errs: ErrorList = [];
  if (ports.length === 0 && spec.clusterIP !== 'None' && spec.type !== 'ExternalName') errs.push(required(path, ''));
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p, i) => {
    const ip = path.index(i);
    errs.push(...validateServicePort(p, ports.length > 1, spec.type, ip));
    if (p.name && names.has(p.name)) errs.push(duplicate(ip.child('name'), p.name));
    if (p.name) names.add(p.name);
    const key = JSON.stringify({ port: p.port, protocol: p.protocol });
    if (keys.has(key)) errs.push(duplicate(ip, JSON.parse(key)));
    keys.add(key);
  });
  return errs;
}

function validateClusterIPs(spec: ServiceSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (spec.type === 'ExternalName') {
    if (spec.clusterIP) errs.push(forbidden(path.child('clusterIP'), 'may not be set for ExternalName services'));
    if (!spec.externalName) errs.push(required(path.child('externalName'), ''));
    else {
      const name = spec.externalName.replace(/\.$/, '');
      for (const m of isDNS1123Subdomain(name)) errs.push(invalid(path.child('externalName'), spec.externalName, m));
    }
    return errs;
  }
  const ips = spec.clusterIPs ?? [];
  if (ips.length > 0 && ips[0] !== spec.clusterIP) {
    errs.push(invalid(path.child('clusterIPs'), ips, 'must be empty or the first value must match spec.clusterIP'));
  }
  ips.forEach((ip, i) => {
    if (ip === 'None' && i === 0) return;
    for (const m of isValidIP(ip)) errs.push(invalid(path.child('clusterIPs').index(i), ip, m));
  });
  (spec.externalIPs ?? []).forEach((ip, i) => {
    for (const m of isValidIP(ip)) errs.push(invalid(path.child('externalIPs').index(i), ip, m));
  });
  return errs;
}

function enumField(value: string | undefined, valid: string[], path: FieldPath, needed: boolean): ErrorList {
  if (!value) return needed ? [required(path, '')] : [];
  return valid.includes(value) ? [] : [notSupported(path, value, valid)];
}

function validatePolicies(spec: ServiceSpec, path: FieldPath): ErrorList {
  const errs = [
    ...enumField(spec.type, SERVICE_TYPES, path.child('type'), true),
    ...enumField(spec.sessionAffinity, AFFINITIES, path.child('sessionAffinity'), true),
    ...enumField(spec.ipFamilyPolicy, IP_FAMILY_POLICIES, path.child('ipFamilyPolicy'), false),
  ];
  const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (spec.externalTrafficPolicy && !external) {
    errs.push(invalid(path.child('externalTrafficPolicy'), spec.externalTrafficPolicy, "may only be set when `type` is 'NodePort' or 'LoadBalancer'"));
  } else {
    errs.push(...enumField(spec.externalTrafficPolicy, TRAFFIC_POLICIES, path.child('externalTrafficPolicy'), external));
  }
  const internalNeeded = spec.type !== 'ExternalName';
  errs.push(...enumField(spec.internalTrafficPolicy, TRAFFIC_POLICIES, path.child('internalTrafficPolicy'), internalNeeded));
  (spec.ipFamilies ?? []).forEach((f, i) => errs.push(...enumField(f, ['IPv4', 'IPv6'], path.child('ipFamilies').index(i), true)));
  return errs;
}

export function validateService(svc: Service): ErrorList {
  const spec = svc.spec ?? {};
  const path = FieldPath.root('spec');
  return [
    ...validateObjectMeta(svc.metadata, { namespaced: true, nameFn: nameIsDNS1035Label }),
    ...validatePorts(spec, path.child('ports')),
    ...validateClusterIPs(spec, path),
    ...validatePolicies(spec, path),
    ...validateLabels(spec.selector, path.child('selector')),
  ];
}

/** The allocated cluster IPs may not change (except to or from ExternalName). */
export function validateServiceUpdate(next: Service, prev: Service): ErrorList {
  const errs = [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true, nameFn: nameIsDNS1035Label }),
    ...validateService(next).filter((e) => !e.field.startsWith('metadata')),
  ];
  const n = next.spec ?? {};
  const o = prev.spec ?? {};
  if (n.type === 'ExternalName' || o.type === 'ExternalName') return errs;
  const oldIPs = o.clusterIPs ?? (o.clusterIP ? [o.clusterIP] : []);
  const newIPs = n.clusterIPs ?? (n.clusterIP ? [n.clusterIP] : []);
  oldIPs.forEach((ip, i) => {
    if (i < newIPs.length && newIPs[i] !== ip) errs.push(invalid(FieldPath.root('spec', 'clusterIPs').index(i), newIPs, 'may not change once set'));
  });
  return errs;
}
