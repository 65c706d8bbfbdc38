/**
 * Services and Endpoints, as upstream's printService/printEndpoints: EXTERNAL-IP is `<none>`, `<pending>` (a
 * LoadBalancer without ingress) or the external name; PORT(S) reads `80:30080/TCP`; ENDPOINTS shows at most three
 * `ip:port` pairs then `+ N more...`.
 */
import type { EndpointSubset, Endpoints, LoadBalancerStatus, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf, wide } from '../../../machinery/meta/table-columns.js';
import { formatLabels } from '../../../machinery/labels/format.js';
import { d } from './table-descriptions.js';

/** Upstream truncates load-balancer addresses to this width unless printing wide (the server always is). */
const LOAD_BALANCER_WIDTH = 16;

export function loadBalancerStatusString(lb: LoadBalancerStatus | undefined, wideOutput: boolean): string {
  const addrs = (lb?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : i.hostname ? [i.hostname] : []));
  const text = addrs.join(',');
  return !wideOutput && text.length > LOAD_BALANCER_WIDTH ? `${text.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : text;
}

export function serviceExternalIP(svc: Service, wideOutput = true): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc.status?.loadBalancer, wideOutput);
      if (externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function servicePorts(ports: readonly ServicePort[] | undefined): string {
  const text = (ports ?? [])
    .map((p) => {
      const proto = p.protocol ?? 'TCP';
      return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
    })
    .join(',');
  return text || '<none>';
}

export const serviceTable: TableConvertor<Service> = {
  columns: [
    nameColumn,
    column('Type', d('ServiceSpec.type')),
    column('Cluster-IP', d('ServiceSpec.clusterIP')),
    column('External-IP', d('ServiceSpec.externalIPs')),
    column('Port(s)', d('ServiceSpec.ports')),
    ageColumn,
    wide('Selector', d('ServiceSpec.selector')),
  ],
  cells: (svc, now) => [
    nameOf(svc),
    svc.spec?.type ?? 'ClusterIP',
    svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>',
    serviceExternalIP(svc),
    servicePorts(svc.spec?.ports),
    ageOf(svc, now),
    formatLabels(svc.spec?.selector),
  ],
};

const hostPort = (ip: string, port: number): string => (ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`);

/** Every endpoint of a subset: bare IPs for headless (port-less) subsets, else each address × port. */
const subsetEntries = (ss: EndpointSubset): string[] => {
  const ips = (ss.addresses ?? []).map((a) => a.ip);
  const ports = ss.ports ?? [];
  return ports.length === 0 ? ips : ports.flatMap((p) => ips.map((ip) => hostPort(ip, p.port)));
};

export function formatEndpoints(ep: Endpoints, max = 3): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const all = subsets.flatMap(subsetEntries);
  const shown = all.slice(0, max).join(',');
  return all.length > max ? `${shown} + ${all.length - max} more...` : shown;
}

export const endpointsTable: TableConvertor<Endpoints> = {
  columns: [nameColumn, column('Endpoints', d('Endpoints.subsets')), ageColumn],
  cells: (ep, now) => [nameOf(ep), formatEndpoints(ep), ageOf(ep, now)],
};
