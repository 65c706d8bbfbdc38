/**
 * What one object uses (upstream's quota/v1/evaluator/core): pods charge compute resources while not terminal,
 * services their node ports and load balancers, claims their storage; every object charges its count.
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import { Quantity, tryParseQuantity } from '../../machinery/quantity/quantity.js';
import type { KubeObject } from '../../client/interface.js';
import { countName, STORAGE_CLASS_SUFFIX, TRACKED, type PodObject, type PvcObject, type ServiceObject, type TrackedResource, type Usage } from './types.js';

const ONE = (): Quantity => Quantity.fromInt(1);

export function addUsage(u: Usage, name: string, q: Quantity): void {
  const prev = u.get(name);
  u.set(name, prev ? prev.add(q) : q);
}

/** Whether a pod still charges compute (upstream's QuotaV1Pod): not terminal, not stuck terminating past its grace. */
export function podChargesCompute(pod: Readonly<PodObject>, nowMs: number): boolean {
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  const del = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (typeof del === 'string' && typeof grace === 'number' && nowMs > Date.parse(del) + grace * 1000) return false;
  return true;
}

function sumList(containers: readonly Container[], field: 'requests' | 'limits'): Usage {
  const out: Usage = new Map();
  for (const c of containers) {
    for (const [name, v] of Object.entries(c.resources?.[field] ?? {})) {
      const q = tryParseQuantity(v);
      if (q) addUsage(out, name, q);
    }
  }
  return out;
}

/** The pod's effective requests or limits: the containers' sum, or the largest init container when larger; plus overhead. */
export function podResources(pod: Readonly<PodObject>, field: 'requests' | 'limits'): Usage {
  const total = sumList(pod.spec?.containers ?? [], field);
  for (const init of pod.spec?.initContainers ?? []) {
    for (const [name, q] of sumList([init], field)) {
      const cur = total.get(name);
      if (!cur || q.cmp(cur) > 0) total.set(name, q);
    }
  }
  for (const [name, v] of Object.entries(pod.spec?.overhead ?? {})) {
    const q = tryParseQuantity(v);
    // Overhead adds to every request, but only to limits that are set.
    if (q && (field === 'requests' || total.has(name))) addUsage(total, name, q);
  }
  return total;
}

const STANDARD = new Set(['cpu', 'memory', 'ephemeral-storage']);

export function podUsage(pod: Readonly<PodObject>, nowMs: number): Usage {
  const u: Usage = new Map([['count/pods', ONE()]]);
  if (!podChargesCompute(pod, nowMs)) return u;
  u.set('pods', ONE());
  for (const [name, q] of podResources(pod, 'requests')) {
    if (STANDARD.has(name) || name.startsWith('hugepages-')) u.set(name, q);
    if (STANDARD.has(name) || name.startsWith('hugepages-') || name.includes('/')) u.set(`requests.${name}`, q);
  }
  for (const [name, q] of podResources(pod, 'limits')) if (STANDARD.has(name)) u.set(`limits.${name}`, q);
  return u;
}

export function serviceUsage(svc: Readonly<ServiceObject>): Usage {
  const u: Usage = new Map([['services', ONE()], ['count/services', ONE()]]);
  const ports = svc.spec?.ports ?? [];
  if (svc.spec?.type === 'NodePort') u.set('services.nodeports', Quantity.fromInt(ports.length));
  if (svc.spec?.type === 'LoadBalancer') {
    const allocated = svc.spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort).length : ports.length;
    u.set('services.nodeports', Quantity.fromInt(allocated));
    u.set('services.loadbalancers', ONE());
  }
  return u;
}

export function pvcUsage(pvc: Readonly<PvcObject>): Usage {
  const u: Usage = new Map([['persistentvolumeclaims', ONE()], ['count/persistentvolumeclaims', ONE()]]);
  const cls = pvc.spec?.storageClassName;
  if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE());
  const storage = tryParseQuantity(pvc.spec?.resources?.requests?.['storage']);
  if (storage) {
    u.set('requests.storage', storage);
    if (cls) u.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return u;
}

/** Everything one object of a tracked resource uses, its counts included. */
export function usageOf(t: TrackedResource, obj: Readonly<KubeObject>, nowMs: number): Usage {
  if (t.ref.resource === 'pods') return podUsage(obj as PodObject, nowMs);
  if (t.ref.resource === 'services') return serviceUsage(obj as ServiceObject);
  if (t.ref.resource === 'persistentvolumeclaims') return pvcUsage(obj as PvcObject);
  const u: Usage = new Map([[countName(t.ref), ONE()]]);
  if (t.legacy) u.set(t.legacy, ONE());
  return u;
}

const COUNTED = new Set(TRACKED.flatMap((t) => [countName(t.ref), ...(t.legacy ? [t.legacy] : [])]));
const POD_NAMES = new Set(['cpu', 'memory', 'ephemeral-storage', 'services.nodeports', 'services.loadbalancers']);

/** Whether this controller computes the resource name (others keep the used value they had). */
export function isTracked(name: string): boolean {
  if (COUNTED.has(name) || POD_NAMES.has(name)) return true;
  if (name.startsWith('requests.') || name.startsWith('limits.') || name.startsWith('hugepages-')) return true;
  return name.includes(STORAGE_CLASS_SUFFIX);
}
