/**
 * Services (upstream's pkg/registry/core/service): defaults, validation, and updates that keep the allocated
 * cluster IPs and node ports when the client leaves them out (as upstream's patchAllocatedValues).
 */
import type { Service, ServicePort } from 'kubernetes-types/core/v1.js';
import type { KObject } from '../../apiserver/registry/resource.js';
import { defaultService } from '../../api/core/v1/defaults.js';
import { validateService, validateServiceUpdate } from '../../api/core/v1/service-validation.js';
import { keepStatus, resetStatus, selectable, statusStrategy, type StrategyEntry } from './common.js';

const asSvc = (o: KObject): Service => o as Service;

const portKey = (p: ServicePort): string => `${p.port}/${p.protocol ?? 'TCP'}`;

/** Keeps allocated values the update omits: clusterIP(s), node ports and the health-check node port. */
export function keepAllocatedValues(next: Service, prev: Service): void {
  const n = (next.spec ??= {});
  const o = prev.spec ?? {};
  const usesIP = (t: string | undefined): boolean => t !== 'ExternalName';
  if (usesIP(n.type) && usesIP(o.type) && !n.clusterIP && o.clusterIP) {
    n.clusterIP = o.clusterIP;
    n.clusterIPs = o.clusterIPs ? [...o.clusterIPs] : [o.clusterIP];
  }
  const needsNodePorts = n.type === 'NodePort' || n.type === 'LoadBalancer';
  if (needsNodePorts) {
    const old = new Map((o.ports ?? []).filter((p) => p.nodePort).map((p) => [portKey(p), p.nodePort!]));
    for (const p of n.ports ?? []) if (!p.nodePort && old.has(portKey(p))) p.nodePort = old.get(portKey(p))!;
  }
  if (n.externalTrafficPolicy === 'Local' && !n.healthCheckNodePort && o.healthCheckNodePort) {
    n.healthCheckNodePort = o.healthCheckNodePort;
  }
}

export const services: StrategyEntry = {
  strategy: {
    prepareForCreate: (obj) => resetStatus(obj, { loadBalancer: {} }),
    prepareForUpdate: (obj, old) => {
      keepStatus(obj, old);
      keepAllocatedValues(asSvc(obj), asSvc(old));
    },
    defaults: (obj) => defaultService(asSvc(obj)),
    validate: (obj) => validateService(asSvc(obj)),
    validateUpdate: (obj, old) => validateServiceUpdate(asSvc(obj), asSvc(old)),
    tracksGeneration: true,
    selectableFields: selectable('spec.clusterIP', 'spec.type'),
  },
  status: statusStrategy({ namespaced: true }),
};
