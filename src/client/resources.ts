/**
 * ResourceRefs for the client, taken from the API catalog: `resourceRef('apps', 'deployments')`, or the named
 * constants of the resources controllers use most.
 */
import { catalogEntry } from '../api/catalog.js';
import type { ResourceRef } from './interface.js';

/** The ref of a served resource; throws for a (group, resource) the catalog does not know. */
export function resourceRef(group: string, resource: string): ResourceRef {
  const e = catalogEntry(group, resource);
  if (!e) throw new Error(`unknown resource "${group ? `${resource}.${group}` : resource}": not in the API catalog`);
  return { group: e.group, version: e.version, resource: e.resource, kind: e.kind, namespaced: e.namespaced };
}

/** `pods` or `deployments.apps`, as in messages. */
export const refString = (r: Pick<ResourceRef, 'group' | 'resource'>): string => (r.group ? `${r.resource}.${r.group}` : r.resource);

export const PODS = resourceRef('', 'pods');
export const NODES = resourceRef('', 'nodes');
export const SERVICES = resourceRef('', 'services');
export const ENDPOINTS = resourceRef('', 'endpoints');
export const NAMESPACES = resourceRef('', 'namespaces');
export const EVENTS = resourceRef('', 'events');
export const SERVICE_ACCOUNTS = resourceRef('', 'serviceaccounts');
export const CONFIG_MAPS = resourceRef('', 'configmaps');
export const SECRETS = resourceRef('', 'secrets');
export const PVCS = resourceRef('', 'persistentvolumeclaims');
export const RESOURCE_QUOTAS = resourceRef('', 'resourcequotas');
export const REPLICATION_CONTROLLERS = resourceRef('', 'replicationcontrollers');
export const DEPLOYMENTS = resourceRef('apps', 'deployments');
export const REPLICA_SETS = resourceRef('apps', 'replicasets');
export const STATEFUL_SETS = resourceRef('apps', 'statefulsets');
export const DAEMON_SETS = resourceRef('apps', 'daemonsets');
export const CONTROLLER_REVISIONS = resourceRef('apps', 'controllerrevisions');
export const JOBS = resourceRef('batch', 'jobs');
export const CRON_JOBS = resourceRef('batch', 'cronjobs');
export const LEASES = resourceRef('coordination.k8s.io', 'leases');
export const ENDPOINT_SLICES = resourceRef('discovery.k8s.io', 'endpointslices');
export const PDBS = resourceRef('policy', 'poddisruptionbudgets');
