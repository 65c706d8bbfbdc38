/** discovery.k8s.io/v1 EndpointSlice validation (upstream's ValidateEndpointSlice, lighter). */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { FieldPath, invalid, notSupported, required, tooMany, type ErrorList } from '../../../machinery/validation/field.js';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain } from '../../../machinery/validation/names.js';
import { isIPv4, isIPv6 } from '../../../machinery/validation/ip.js';
import { validateImmutable } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateAddress(addr: string, type: string, path: FieldPath): ErrorList {
  if (type === 'IPv4' && !isIPv4(addr)) return [invalid(path, addr, 'must be a valid IPv4 address')];
  if (type === 'IPv6' && !isIPv6(addr)) return [invalid(path, addr, 'must be a valid IPv6 address')];
  if (type === 'FQDN') return isDNS1123Subdomain(addr).map((m) => invalid(path, addr, m));
  return [];
}

export function validateEndpointSlice(slice: EndpointSlice): ErrorList {
  const errs = validateObjectMeta(slice.metadata, { namespaced: true });
  const type = slice.addressType;
  if (!type) errs.push(required(FieldPath.root('addressType'), ''));
  else if (!ADDRESS_TYPES.includes(type)) errs.push(notSupported(FieldPath.root('addressType'), type, ADDRESS_TYPES));
  (slice.endpoints ?? []).forEach((ep, i) => {
    const p = FieldPath.root('endpoints').index(i).child('addresses');
    const addrs = ep.addresses ?? [];
    if (addrs.length === 0) errs.push(required(p, 'must contain at least 1 address'));
    if (addrs.length > 100) errs.push(tooMany(p, addrs.length, 100));
    addrs.forEach((a, j) => errs.push(...validateAddress(a, type ?? '', p.index(j))));
  });
  (slice.ports ?? []).forEach((port, i) => {
    const p = FieldPath.root('ports').index(i);
    if (port.name) errs.push(...isDNS1123Label(port.name).map((m) => invalid(p.child('name'), port.name, m)));
    if (port.protocol && !PROTOCOLS.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, PROTOCOLS));
    const n = port.port;
    if (n !== undefined && n !== null && (n < 0 || n > 65535)) errs.push(invalid(p.child('port'), n, inclusiveRangeError(0, 65535)));
  });
  return errs;
}

export function validateEndpointSliceUpdate(next: EndpointSlice, prev: EndpointSlice): ErrorList {
  return [
    ...validateObjectMetaUpdate(next.metadata, prev.metadata, { namespaced: true }),
    ...validateEndpointSlice(next).filter((e) => !e.field.startsWith('metadata')),
    ...validateImmutable(next.addressType, prev.addressType, FieldPath.root('addressType')),
  ];
}
