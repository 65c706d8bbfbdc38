/** Builders of services and pods for the endpoints and endpointslice controller tests. */
import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1.js';

export interface PodSpecLite {
  ip?: string;
  ready?: boolean;
  labels?: Record<string, string>;
  node?: string;
  /** Named container ports: name → number. */
  ports?: Record<string, number>;
  deleting?: boolean;
  phase?: string;
  restartPolicy?: string;
  readySince?: string;
  hostname?: string;
  subdomain?: string;
}

export function testPod(name: string, s: PodSpecLite = {}): Pod {
  const ports = Object.entries(s.ports ?? {}).map(([n, containerPort]) => ({ name: n, containerPort, protocol: 'TCP' }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      labels: s.labels ?? { app: 'web' },
      creationTimestamp: '2026-01-01T00:00:00Z',
      ...(s.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z', finalizers: ['hold'] } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'x', ports }],
      ...(s.node ? { nodeName: s.node } : {}),
      ...(s.restartPolicy ? { restartPolicy: s.restartPolicy } : {}),
      ...(s.hostname ? { hostname: s.hostname } : {}),
      ...(s.subdomain ? { subdomain: s.subdomain } : {}),
    },
    status: {
      phase: s.phase ?? 'Running',
      ...(s.ip === '' ? {} : { podIP: s.ip ?? '10.244.0.1' }),
      conditions: [{ type: 'Ready', status: s.ready === false ? 'False' : 'True', lastTransitionTime: s.readySince ?? '2026-01-01T00:00:30Z' }],
    },
  };
}

export interface ServiceSpecLite {
  selector?: Record<string, string> | null;
  ports?: ServicePort[];
  headless?: boolean;
  publishNotReady?: boolean;
  labels?: Record<string, string>;
  type?: string;
}

export function testService(name: string, s: ServiceSpecLite = {}): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'ns', uid: `uid-svc-${name}`, creationTimestamp: '2026-01-01T00:00:00Z', ...(s.labels ? { labels: s.labels } : {}) },
    spec: {
      ...(s.selector === null ? {} : { selector: s.selector ?? { app: 'web' } }),
      ports: s.ports ?? [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
      clusterIP: s.headless ? 'None' : '10.96.0.10',
      ...(s.publishNotReady ? { publishNotReadyAddresses: true } : {}),
      ...(s.type ? { type: s.type } : {}),
    },
  };
}
