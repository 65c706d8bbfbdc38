/**
 * The endpoints a selector service should publish in EndpointSlices, grouped by the ports they serve (a named
 * targetPort may resolve differently per pod, and a slice has one port list). Terminating pods are included with
 * their conditions: serving = Ready, terminating = deletionTimestamp set, ready = serving and not terminating,
 * or always when the service publishes not-ready addresses. IPv4 only.
 */
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1.js';
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import { findPort, isPodReady, podHostname, podTargetRef, shouldPodBeInEndpoints } from '../util/endpoints.js';

export interface EndpointGroup {
  /** Canonical text of `ports`, the group's identity. */
  key: string;
  ports: EndpointPort[];
  /** By target pod uid. */
  endpoints: Map<string, Endpoint>;
}

export const portsKey = (ports: readonly EndpointPort[]): string =>
  [...ports]
    .map((p) => `${p.name ?? ''}/${p.port ?? ''}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');

/** Where an endpoint sits in the groups: its pod's uid. */
export const endpointId = (e: Readonly<Endpoint>): string => e.targetRef?.uid ?? e.addresses[0] ?? '';

function slicePort(pod: Readonly<Pod>, sp: Readonly<ServicePort>): EndpointPort | undefined {
  const port = findPort(pod, sp);
  if (port === undefined) return undefined;
  const p: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
  if (sp.appProtocol) p.appProtocol = sp.appProtocol;
  return p;
}

export function podEndpoint(pod: Readonly<Pod>, svc: Readonly<Service>): Endpoint {
  const serving = isPodReady(pod);
  const terminating = Boolean(pod.metadata?.deletionTimestamp);
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const e: Endpoint = { addresses: [pod.status?.podIP ?? ''], conditions: { ready, serving, terminating }, targetRef: podTargetRef(pod) };
  const hostname = podHostname(pod, svc.metadata?.name ?? '');
  if (hostname) e.hostname = hostname;
  if (pod.spec?.nodeName) e.nodeName = pod.spec.nodeName;
  return e;
}

export function desiredGroups(svc: Readonly<Service>, pods: readonly Readonly<Pod>[]): Map<string, EndpointGroup> {
  const groups = new Map<string, EndpointGroup>();
  const sps = svc.spec?.ports ?? [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true) || pod.status?.podIP?.includes(':')) continue;
    const ports = sps.map((sp) => slicePort(pod, sp)).filter((p): p is EndpointPort => p !== undefined);
    const key = portsKey(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, ports, endpoints: new Map() }));
    const e = podEndpoint(pod, svc);
    g.endpoints.set(endpointId(e), e);
  }
  return groups;
}
