/** networking.k8s.io/v1 validation: ingresses (pathType required), ingress classes and network policies. */
import type { HTTPIngressPath, Ingress, IngressBackend, IngressClass, NetworkPolicy, NetworkPolicyPeer } from 'kubernetes-types/networking/v1.js';
import { FieldPath, forbidden, invalid, notSupported, required, tooMany, type ErrorList } from '../../../machinery/validation/field.js';
import { isDNS1123Subdomain, isValidPortNum } from '../../../machinery/validation/names.js';
import { isValidCIDR } from '../../../machinery/validation/ip.js';
import { validateLabelSelector } from '../../../machinery/validation/label-selector.js';
import { validateImmutable } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';
import { validatePortNumOrName } from '../../core/v1/port-validation.js';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: IngressBackend, path: FieldPath): ErrorList {
  if (b.service && b.resource) return [invalid(path, b, 'cannot set both service and resource backends')];
  if (!b.service && !b.resource) return [invalid(path, b, 'resource or service backend is required')];
  if (!b.service) return [];
  const errs: ErrorList = [];
  if (!b.service.name) errs.push(required(path.child('service', 'name'), ''));
  const port = b.service.port ?? {};
  const pp = path.child('service', 'port');
  if (port.name && port.number) errs.push(invalid(pp, port, 'cannot set both port name & port number'));
  else if (port.name) errs.push(...validatePortNumOrName(port.name, pp.child('name')));
  else if (port.number) errs.push(...isValidPortNum(port.number).map((m) => invalid(pp.child('number'), port.number, m)));
  else errs.push(required(pp, 'port name or number is required'));
  return errs;
}

function validateHTTPPath(p: HTTPIngressPath, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!p.pathType) errs.push(required(path.child('pathType'), 'pathType must be specified'));
  else if (!PATH_TYPES.includes(p.pathType)) errs.push(notSupported(path.child('pathType'), p.pathType, PATH_TYPES));
  if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && !(p.path ?? '').startsWith('/')) {
    errs.push(invalid(path.child('path'), p.path ?? '', 'must be an absolute path'));
  }
  errs.push(...validateBackend(p.backend, path.child('backend')));
  return errs;
}

function validateHost(host: string, path: FieldPath): ErrorList {
  const name = host.startsWith('*.') ? host.slice(2) : host;
  return isDNS1123Subdomain(name).map((m) => invalid(path, host, m));
}

export function validateIngress(ing: Ingress): ErrorList {
  const errs = validateObjectMeta(ing.metadata, { namespaced: true });
  const spec = ing.spec ?? {};
  const sp = FieldPath.root('spec');
  if (spec.defaultBackend) errs.push(...validateBackend(spec.defaultBackend, sp.child('defaultBackend')));
  if (!spec.defaultBackend && (spec.rules ?? []).length === 0) {
    errs.push(invalid(sp.child('rules'), spec.rules ?? [], 'either `defaultBackend` or `rules` must be specified'));
  }
  (spec.rules ?? []).forEach((r, i) => {
    const rp = sp.child('rules').index(i);
    if (r.host) errs.push(...validateHost(r.host, rp.child('host')));
    if (r.http) {
      if ((r.http.paths ?? []).length === 0) errs.push(required(rp.child('http', 'paths'), ''));
      r.http.paths.forEach((p, j) => errs.push(...validateHTTPPath(p, rp.child('http', 'paths').index(j))));
    }
  });
  if (spec.ingressClassName) errs.push(...isDNS1123Subdomain(spec.ingressClassName).map((m) => invalid(sp.child('ingressClassName'), spec.ingressClassName, m)));
  return errs;
}

export function validateIngressUpdate(next: Ingress, prev: Ingress): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }), ...validateIngress(next).filter((e) => !e.field.startsWith('metadata'))];
}

export function validateIngressClass(ic: IngressClass): ErrorList {
  const errs = validateObjectMeta(ic.metadata, { namespaced: false });
  const controller = ic.spec?.controller;
  const cp = FieldPath.root('spec', 'controller');
  if (!controller) errs.push(required(cp, ''));
  else {
    if (controller.length > 250) errs.push(invalid(cp, controller, 'must be no more than 250 characters'));
    if (!controller.includes('/')) errs.push(invalid(cp, controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
  }
  return errs;
}

export function validateIngressClassUpdate(next: IngressClass, prev: IngressClass): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: false }),
    ...validateIngressClass(next).filter((e) => !e.field.startsWith('metadata')),
    ...validateImmutable(next.spec?.controller, prev.spec?.controller, FieldPath.root('spec', 'controller')),
  ];
}

function validatePeer(peer: NetworkPolicyPeer, path: FieldPath): ErrorList {
  const set = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((x) => x != null).length;
  if (set === 0) return [required(path, 'must specify a peer')];
  if (peer.ipBlock && set > 1) return [forbidden(path, 'may not specify both ipBlock and another peer')];
  const errs = [
    ...validateLabelSelector(peer.podSelector, path.child('podSelector')),
    ...validateLabelSelector(peer.namespaceSelector, path.child('namespaceSelector')),
  ];
  if (peer.ipBlock) {
    const ip = path.child('ipBlock');
    if (!peer.ipBlock.cidr) errs.push(required(ip.child('cidr'), ''));
    else errs.push(...isValidCIDR(peer.ipBlock.cidr).map((m) => invalid(ip.child('cidr'), peer.ipBlock!.cidr, m)));
    (peer.ipBlock.except ?? []).forEach((e, i) => errs.push(...isValidCIDR(e).map((m) => invalid(ip.child('except').index(i), e, m))));
  }
  return errs;
}

export function validateNetworkPolicy(np: NetworkPolicy): ErrorList {
  const errs = validateObjectMeta(np.metadata, { namespaced: true });
  const spec = np.spec ?? { podSelector: {} };
  const sp = FieldPath.root('spec');
  errs.push(...validateLabelSelector(spec.podSelector, sp.child('podSelector')));
  const types = spec.policyTypes ?? [];
  if (types.length > 2) errs.push(tooMany(sp.child('policyTypes'), types.length, 2));
  types.forEach((t, i) => {
    if (!['Egress', 'Ingress'].includes(t)) errs.push(notSupported(sp.child('policyTypes').index(i), t, ['Ingress', 'Egress']));
  });
  for (const dir of ['ingress', 'egress'] as const) {
    (spec[dir] ?? []).forEach((rule, i) => {
      const rp = sp.child(dir).index(i);
      (rule.ports ?? []).forEach((p, j) => {
        if (p.port !== undefined) errs.push(...validatePortNumOrName(p.port, rp.child('ports').index(j).child('port')));
        const proto = p.protocol;
        if (proto && !['SCTP', 'TCP', 'UDP'].includes(proto)) errs.push(notSupported(rp.child('ports').index(j).child('protocol'), proto, ['SCTP', 'TCP', 'UDP']));
      });
      const peers = dir === 'ingress' ? (rule as { from?: NetworkPolicyPeer[] }).from : (rule as { to?: NetworkPolicyPeer[] }).to;
      (peers ?? []).forEach((peer, j) => errs.push(...validatePeer(peer, rp.child(dir === 'ingress' ? 'from' : 'to').index(j))));
    });
  }
  return errs;
}

export function validateNetworkPolicyUpdate(next: NetworkPolicy, prev: NetworkPolicy): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }), ...validateNetworkPolicy(next).filter((e) => !e.field.startsWith('metadata'))];
}


