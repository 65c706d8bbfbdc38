/**
 * One sync of the endpointslice controller: the slices of a selector service (labelled with its name and managed
 * by this controller, owned by the service through a controllerRef) follow its pods. A missing service's slices are
 * left to the garbage collector (they carry its controllerRef); selector-less and ExternalName services are skipped.
 * The first failed write stops the sync with upstream's description of it, recorded as a FailedToUpdateEndpointSlices
 * warning on the service; a create refused because the namespace is terminating ends the sync quietly, as upstream.
 */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';
import { isDeepStrictEqual } from 'node:util';
import type { Client } from '../../client/interface.js';
import { splitKey, type Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { ENDPOINT_SLICES } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { errorText, isNamespaceTerminating } from '../util/api-errors.js';
import type { PodObject } from '../util/endpoints.js';
import { endpointsLabels, formatTriggerTime, LAST_CHANGE_TRIGGER_TIME, selectedPods, triggerTime } from '../endpoint/sync.js';
import { hasSelector, type ServiceObject } from '../util/endpoints.js';
import { desiredGroups } from './desired.js';
import { planSlices, type SlicePlan } from './reconcile.js';
import { StaleInformerCacheError, type SliceTracker } from './tracker.js';

export type EndpointSliceObject = EndpointSlice;

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';

export interface SliceSyncDeps {
  client: Client;
  services: Lister<ServiceObject>;
  pods: Lister<PodObject>;
  slices: Lister<EndpointSliceObject>;
  recorder: EventRecorder;
  tracker: SliceTracker;
}

/** The service a managed slice belongs to (its key), or undefined for slices of others. */
export function serviceKeyOfSlice(slice: Readonly<EndpointSlice>): string | undefined {
  const labels = slice.metadata?.labels ?? {};
  const svc = labels[LABEL_SERVICE_NAME];
  return svc && labels[LABEL_MANAGED_BY] === CONTROLLER_NAME ? `${slice.metadata?.namespace}/${svc}` : undefined;
}

export function sliceLabels(svc: Readonly<ServiceObject>): Record<string, string> {
  return { ...endpointsLabels(svc), [LABEL_SERVICE_NAME]: svc.metadata?.name ?? '', [LABEL_MANAGED_BY]: CONTROLLER_NAME };
}

function newSlice(svc: Readonly<ServiceObject>, body: Pick<EndpointSlice, 'endpoints' | 'ports'>, annotations: Record<string, string>): EndpointSliceObject {
  const name = svc.metadata?.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${name}-`,
      namespace: svc.metadata?.namespace ?? '',
      labels: sliceLabels(svc),
      annotations,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType: 'IPv4',
    endpoints: body.endpoints,
    ports: body.ports ?? [],
  };
}

export async function syncEndpointSlices(deps: SliceSyncDeps, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const svc = deps.services.get(namespace, name);
  if (!svc || !hasSelector(svc)) {
    if (!svc) deps.tracker.forgetService(key);
    return;
  }
  const pods = selectedPods(svc, deps.pods);
  const existing = deps.slices.list(namespace).filter((s) => serviceKeyOfSlice(s) === key);
  if (deps.tracker.stale(key, existing)) throw new StaleInformerCacheError('EndpointSlice informer cache is out of date');
  const plan = planSlices(desiredGroups(svc, pods), existing);
  const labels = sliceLabels(svc);
  const t = triggerTime(svc, pods);
  const annotations: Record<string, string> = t ? { [LAST_CHANGE_TRIGGER_TIME]: formatTriggerTime(t) } : {};
  const touched = new Set([...plan.update, ...plan.delete].map((s) => s.metadata?.name));
  for (const s of existing) {
    if (!touched.has(s.metadata?.name) && !isDeepStrictEqual(s.metadata?.labels ?? {}, labels)) plan.update.push(structuredClone(s) as EndpointSlice);
  }
  for (const s of plan.update) {
    const next = s as EndpointSliceObject;
    next.metadata = { ...next.metadata, labels, annotations: { ...next.metadata?.annotations, ...annotations } };
  }
  try {
    await writePlan(deps, key, svc, plan, annotations);
  } catch (err) {
    deps.recorder.event(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${errorText(err)}`);
    throw err;
  }
}

/** Deletes, updates, then creates (each noted in the tracker); the first failure is rethrown as upstream's reconciler words it (cause kept). */
async function writePlan(deps: SliceSyncDeps, key: string, svc: Readonly<ServiceObject>, plan: SlicePlan, annotations: Record<string, string>): Promise<void> {
  const { client, tracker } = deps;
  const namespace = svc.metadata?.namespace ?? '';
  const of = `for Service ${namespace}/${svc.metadata?.name ?? ''}`;
  for (const s of plan.delete) {
    await described(`failed to delete ${s.metadata?.name} EndpointSlice ${of}`, () => deleteSlice(client, namespace, s.metadata?.name ?? ''));
    tracker.deleted(key, s);
  }
  for (const s of plan.update) {
    await described(`failed to update ${s.metadata?.name} EndpointSlice ${of}`, async () => tracker.written(key, await client.update(ENDPOINT_SLICES, namespace, s as EndpointSliceObject)));
  }
  for (const body of plan.create) {
    try {
      tracker.written(key, await client.create(ENDPOINT_SLICES, namespace, newSlice(svc, body, annotations)));
    } catch (err) {
      if (isNamespaceTerminating(err)) return;
      throw new Error(`failed to create EndpointSlice ${of}: ${errorText(err)}`, { cause: err });
    }
  }
}

async function described(what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    throw new Error(`${what}: ${errorText(err)}`, { cause: err });
  }
}

async function deleteSlice(client: Client, namespace: string, name: string): Promise<void> {
  try {
    await client.delete(ENDPOINT_SLICES, namespace, name);
  } catch (err) {
    if (!isNotFoundStatus(err)) throw err;
  }
}
