/**
 * Pod facts the endpoints and endpointslice controllers share (upstream's podutil.IsPodReady, podutil.FindPort and
 * endpointutil.ShouldPodBeInEndpoints). Pure functions over readonly objects.
 */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';

export type PodObject = Pod;
export type ServiceObject = Service;

/** Services whose endpoints the controllers manage: a selector, and not ExternalName. */
export const hasSelector = (svc: Readonly<Service>): boolean =>
  svc.spec?.type !== 'ExternalName' && Object.keys(svc.spec?.selector ?? {}).length > 0;

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: Readonly<Pod>): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** When the Ready condition last changed, or undefined. */
export function podReadyTransition(pod: Readonly<Pod>): string | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
}

/**
 * Whether a pod belongs in endpoints at all: it has an IP, is not terminal for its restart policy (a Never pod that
 * Failed or Succeeded, an OnFailure pod that Succeeded — any pod in a terminal phase cannot come back), and is not
 * terminating unless `includeTerminating`.
 */
export function shouldPodBeInEndpoints(pod: Readonly<Pod>, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  const phase = pod.status.phase;
  switch (pod.spec?.restartPolicy) {
    case 'Never':
      return phase !== 'Failed' && phase !== 'Succeeded';
    case 'OnFailure':
      return phase !== 'Succeeded';
    default:
      return true;
  }
}

/**
 * The container port a service port targets on this pod: a number as is (no targetPort means the service port), a
 * name looked up among the pod's container ports with the same protocol. Undefined when the name is not found.
 */
export function findPort(pod: Readonly<Pod>, sp: Readonly<ServicePort>): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  if (/^[0-9]+$/.test(target)) return Number(target);
  const protocol = sp.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The pod reference an address carries. */
export const podTargetRef = (pod: Readonly<Pod>) => ({
  kind: 'Pod',
  namespace: pod.metadata?.namespace ?? '',
  name: pod.metadata?.name ?? '',
  uid: pod.metadata?.uid ?? '',
});

/** The address's hostname: the pod's hostname when its subdomain is the service (headless DNS records). */
export function podHostname(pod: Readonly<Pod>, serviceName: string): string | undefined {
  const h = pod.spec?.hostname;
  return h && pod.spec?.subdomain === serviceName ? h : undefined;
}
