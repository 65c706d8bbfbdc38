/**
 * The desired subsets of a service's Endpoints, as upstream's endpoints controller computes them: one address per
 * pod that belongs in endpoints, ready (or publishNotReadyAddresses) → `addresses`, otherwise `notReadyAddresses`;
 * each service port resolved per pod (a named targetPort can map to different numbers on different pods); then
 * repacked so that addresses serving the same set of ports share one subset. Sorted, so that equal inputs give
 * deep-equal outputs and an unchanged service costs no write.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { findPort, isPodReady, podHostname, podTargetRef, shouldPodBeInEndpoints } from '../util/endpoints.js';

/** Upstream's maxCapacity: Endpoints beyond this many addresses are truncated and annotated. */
export const MAX_ENDPOINTS_CAPACITY = 1000;

export interface DesiredSubsets {
  subsets: EndpointSubset[];
  /** True when addresses were dropped to stay within MAX_ENDPOINTS_CAPACITY. */
  truncated: boolean;
}

interface Group {
  ports: EndpointPort[];
  ready: EndpointAddress[];
  notReady: EndpointAddress[];
}

export const isHeadless = (svc: Readonly<Service>): boolean => svc.spec?.clusterIP === 'None';

/** The endpoint port a service port yields for one pod, or undefined when a named target is not on the pod. */
function endpointPort(pod: Readonly<Pod>, sp: Readonly<ServicePort>): EndpointPort | undefined {
  const port = findPort(pod, sp);
  if (port === undefined) return undefined;
  const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' };
  if (sp.name) ep.name = sp.name;
  if (sp.appProtocol) ep.appProtocol = sp.appProtocol;
  return ep;
}

function podAddress(pod: Readonly<Pod>, svc: Readonly<Service>): EndpointAddress {
  const addr: EndpointAddress = { ip: pod.status?.podIP ?? '', targetRef: podTargetRef(pod) };
  const hostname = podHostname(pod, svc.metadata?.name ?? '');
  if (hostname) addr.hostname = hostname;
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  return addr;
}

const portKey = (ports: readonly EndpointPort[]): string =>
  ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`).join(',');

const byPort = (a: EndpointPort, b: EndpointPort): number =>
  (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || (a.protocol ?? '').localeCompare(b.protocol ?? '');

const byAddress = (a: EndpointAddress, b: EndpointAddress): number =>
  a.ip.localeCompare(b.ip) || (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '');

/** The ports a pod serves for the service; undefined when the pod serves none (it then gets no address). */
function podPorts(pod: Readonly<Pod>, svc: Readonly<Service>): EndpointPort[] | undefined {
  const sps = svc.spec?.ports ?? [];
  // A headless service without ports still publishes its pods (DNS records only).
  if (sps.length === 0) return isHeadless(svc) ? [] : undefined;
  const ports = sps.map((sp) => endpointPort(pod, sp)).filter((p): p is EndpointPort => p !== undefined);
  return ports.length > 0 ? ports.sort(byPort) : undefined;
}

export function desiredSubsets(svc: Readonly<Service>, pods: readonly Readonly<Pod>[]): DesiredSubsets {
  const tolerateUnready = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, Group>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, tolerateUnready)) continue;
    const ports = podPorts(pod, svc);
    if (!ports) continue;
    const key = portKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ports, ready: [], notReady: [] }));
    (tolerateUnready || isPodReady(pod) ? g.ready : g.notReady).push(podAddress(pod, svc));
  }
  const sorted = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
  const truncated = truncate(sorted);
  return { subsets: sorted.map(toSubset).filter((s) => s !== undefined), truncated };
}

function toSubset(g: Group): EndpointSubset | undefined {
  if (g.ready.length === 0 && g.notReady.length === 0) return undefined;
  const s: EndpointSubset = {};
  if (g.ready.length > 0) s.addresses = g.ready.sort(byAddress);
  if (g.notReady.length > 0) s.notReadyAddresses = g.notReady.sort(byAddress);
  if (g.ports.length > 0) s.ports = g.ports;
  return s;
}

/** Keeps at most MAX_ENDPOINTS_CAPACITY addresses, ready ones first; returns whether any were dropped. */
function truncate(groups: Group[]): boolean {
  let budget = MAX_ENDPOINTS_CAPACITY;
  const total = groups.reduce((n, g) => n + g.ready.length + g.notReady.length, 0);
  if (total <= budget) return false;
  for (const g of groups) {
    g.ready.sort(byAddress);
    g.ready = g.ready.slice(0, Math.max(0, budget));
    budget -= g.ready.length;
  }
  for (const g of groups) {
    g.notReady.sort(byAddress);
    g.notReady = g.notReady.slice(0, Math.max(0, budget));
    budget -= g.notReady.length;
  }
  return true;
}
