/**
 * Test helpers of the config builders: a pod with sensible defaults and an in-memory PodConfigSource that counts
 * its reads.
 */
import type { ConfigMap, Container, Pod, PodSpec, Secret, Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { PodConfigSource } from './source.js';

export function testPod(spec: Partial<PodSpec> = {}, meta: Partial<NonNullable<Pod['metadata']>> = {}): Pod {
  return {
    metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1', ...meta },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }], ...spec },
  };
}

export const container = (c: Partial<Container> = {}): Container => ({ name: 'c', image: 'busybox', ...c });

export class MemoryConfigSource implements PodConfigSource {
  readonly reads: string[] = [];
  constructor(private readonly objects: { configMaps?: ConfigMap[]; secrets?: Secret[]; services?: Service[] } = {}) {}

  async configMap(ns: string, name: string): Promise<ConfigMap | undefined> {
    this.reads.push(`configmap ${ns}/${name}`);
    return this.objects.configMaps?.find((o) => o.metadata?.namespace === ns && o.metadata?.name === name);
  }

  async secret(ns: string, name: string): Promise<Secret | undefined> {
    this.reads.push(`secret ${ns}/${name}`);
    return this.objects.secrets?.find((o) => o.metadata?.namespace === ns && o.metadata?.name === name);
  }

  async services(ns: string): Promise<Service[]> {
    this.reads.push(`services ${ns}`);
    return (this.objects.services ?? []).filter((o) => o.metadata?.namespace === ns);
  }
}

export const configMap = (ns: string, name: string, data: Record<string, string>): ConfigMap => ({ metadata: { namespace: ns, name }, data });

export const secret = (ns: string, name: string, data: Record<string, string>): Secret => ({
  metadata: { namespace: ns, name },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

export const service = (ns: string, name: string, clusterIP: string, ports: ServicePort[]): Service => ({
  metadata: { namespace: ns, name },
  spec: { clusterIP, ports },
});
