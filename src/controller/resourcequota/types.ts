/** The resource quota controller's types and the resources whose usage it counts. */
import type { PersistentVolumeClaim, Pod, ResourceQuota, Service } from 'kubernetes-types/core/v1.js';
import type { ResourceRef } from '../../client/interface.js';
import {
  CONFIG_MAPS, CRON_JOBS, DAEMON_SETS, DEPLOYMENTS, JOBS, PODS, PVCS, REPLICA_SETS, REPLICATION_CONTROLLERS, RESOURCE_QUOTAS, SECRETS, SERVICES, STATEFUL_SETS,
} from '../../client/resources.js';
import type { Quantity } from '../../machinery/quantity/quantity.js';

export type QuotaObject = ResourceQuota;
export type PodObject = Pod;
export type ServiceObject = Service;
export type PvcObject = PersistentVolumeClaim;

/** Resource name → quantity; the first value added keeps its format, as upstream's quota.Add. */
export type Usage = Map<string, Quantity>;

export interface TrackedResource {
  ref: ResourceRef;
  /** The pre-`count/` name (`pods`, `secrets` …), for the core resources that have one. */
  legacy?: string;
}

/** The resources whose objects are counted (upstream's legacy evaluators plus common count/<resource>.<group>). */
export const TRACKED: readonly TrackedResource[] = [
  { ref: PODS, legacy: 'pods' },
  { ref: SERVICES, legacy: 'services' },
  { ref: CONFIG_MAPS, legacy: 'configmaps' },
  { ref: SECRETS, legacy: 'secrets' },
  { ref: PVCS, legacy: 'persistentvolumeclaims' },
  { ref: REPLICATION_CONTROLLERS, legacy: 'replicationcontrollers' },
  { ref: RESOURCE_QUOTAS, legacy: 'resourcequotas' },
  { ref: DEPLOYMENTS },
  { ref: REPLICA_SETS },
  { ref: STATEFUL_SETS },
  { ref: DAEMON_SETS },
  { ref: JOBS },
  { ref: CRON_JOBS },
];

/** `count/pods`, `count/deployments.apps`. */
export const countName = (r: Pick<ResourceRef, 'group' | 'resource'>): string => (r.group ? `count/${r.resource}.${r.group}` : `count/${r.resource}`);

export const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
