/**
 * What exists from the start, as upstream's bootstrap controllers make it: the namespaces default, kube-system,
 * kube-public and kube-node-lease, and `default/kubernetes` (ClusterIP 10.96.0.1, port 443) with Endpoints and
 * an EndpointSlice that point at this API server. Re-run at every start; existing objects are reconciled.
 */
import { isAlreadyExistsStatus } from '../machinery/errors/status.js';
import type { GenericRegistry } from '../apiserver/registry/generic/registry.js';
import type { KObject, OperationContext } from '../apiserver/registry/resource.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export interface BootstrapTarget {
  registryFor(group: string, resource: string): GenericRegistry | undefined;
}

export interface ApiEndpoint {
  /** Address other components reach the API server at. */
  host: string;
  port: number;
  /** ClusterIP of `default/kubernetes` (first address of the service CIDR + 1). */
  clusterIP: string;
}

const SYSTEM: OperationContext = { dryRun: false, user: { username: 'system:apiserver', groups: ['system:masters'] } };

async function ensure(reg: GenericRegistry, namespace: string, obj: KObject): Promise<void> {
  try {
    await reg.create(namespace, obj, SYSTEM);
  } catch (e) {
    if (!isAlreadyExistsStatus(e)) throw e;
  }
}

/** Creates or replaces (keeping identity) an object whose content the server owns. */
async function upsert(reg: GenericRegistry, namespace: string, obj: KObject): Promise<void> {
  const existing = await reg.read(namespace, obj.metadata.name);
  if (!existing) return ensure(reg, namespace, obj);
  await reg.guaranteedUpdate(namespace, obj.metadata.name, SYSTEM, 'main', (live) => ({ ...live, ...structuredClone(obj), metadata: { ...live.metadata, ...obj.metadata, resourceVersion: undefined } }));
}

export async function bootstrap(t: BootstrapTarget, api: ApiEndpoint): Promise<void> {
  const ns = t.registryFor('', 'namespaces')!;
  for (const name of SYSTEM_NAMESPACES) await ensure(ns, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const labels = { component: 'apiserver', provider: 'kubernetes' };
  await ensure(t.registryFor('', 'services')!, 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', labels },
    spec: { type: 'ClusterIP', clusterIP: api.clusterIP, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: api.port }], sessionAffinity: 'None' },
  });
  await upsert(t.registryFor('', 'endpoints')!, 'default', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: api.host }], ports: [{ name: 'https', port: api.port, protocol: 'TCP' }] }],
  });
  await upsert(t.registryFor('discovery.k8s.io', 'endpointslices')!, 'default', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [api.host], conditions: { ready: true } }],
    ports: [{ name: 'https', port: api.port, protocol: 'TCP' }],
  });
}
