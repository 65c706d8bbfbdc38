/**
 * One sync of the endpoints controller: the Endpoints named like a selector service follow its pods. A missing
 * service deletes its Endpoints; a service without a selector (or of type ExternalName) is left alone, so that
 * user-managed Endpoints survive. Writes only when subsets, labels or the capacity annotation change. A failed write
 * is a FailedToCreateEndpoint / FailedToUpdateEndpoint warning on the Endpoints (as upstream), except a create refused
 * because the namespace is terminating, which is dropped.
 */
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import { isDeepStrictEqual } from 'node:util';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { splitKey } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { ENDPOINTS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { selectorFromSet } from '../../machinery/labels/index.js';
import { errorText, isNamespaceTerminating } from '../util/api-errors.js';
import { hasSelector, podReadyTransition, type PodObject, type ServiceObject } from '../util/endpoints.js';
import { desiredSubsets, isHeadless } from './subsets.js';

export type EndpointsObject = Endpoints;

export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

export interface EndpointsSyncDeps {
  client: Client;
  services: Lister<ServiceObject>;
  pods: Lister<PodObject>;
  endpoints: Lister<EndpointsObject>;
  recorder: EventRecorder;
}

/** True for services whose Endpoints this controller manages. */

/** The pods a service selects (in its namespace). */
export function selectedPods(svc: Readonly<Service>, pods: Lister<PodObject>): readonly Readonly<PodObject>[] {
  const sel = selectorFromSet(svc.spec?.selector ?? {});
  return pods.list(svc.metadata?.namespace ?? '', (l) => sel.matches(l));
}

/** The service's labels plus the headless marker, as upstream copies them onto Endpoints and EndpointSlices. */
export function endpointsLabels(svc: Readonly<Service>): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata?.labels ?? {}) };
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

/**
 * The time of the latest change that this write reflects: the service's creation or a pod's creation or readiness
 * transition. Stateless approximation of upstream's trigger-time tracker (which remembers per-sync changes).
 */
export function triggerTime(svc: Readonly<Service>, pods: readonly Readonly<PodObject>[]): string | undefined {
  let best = svc.metadata?.creationTimestamp;
  for (const p of pods) {
    for (const t of [p.metadata?.creationTimestamp, podReadyTransition(p)]) {
      if (t && (!best || Date.parse(t) > Date.parse(best))) best = t;
    }
  }
  return best;
}

/** RFC 3339 with the fraction only when there is one, as Go's RFC3339Nano prints it. */
export const formatTriggerTime = (t: string): string =>
  new Date(t).toISOString().replace(/\.(\d*?)0*Z$/, (_m, d: string) => (d ? `.${d}Z` : 'Z'));

export async function syncEndpoints(deps: EndpointsSyncDeps, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const svc = deps.services.get(namespace, name);
  if (!svc) return deleteEndpoints(deps.client, namespace, name);
  if (!hasSelector(svc)) return;
  const pods = selectedPods(svc, deps.pods);
  const { subsets, truncated } = desiredSubsets(svc, pods);
  const current = deps.endpoints.get(namespace, name);
  const labels = endpointsLabels(svc);
  if (current && upToDate(current, subsets, labels, truncated)) return;
  const next: EndpointsObject = current ? structuredClone(current) as EndpointsObject : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
  next.metadata = { ...next.metadata, labels };
  next.subsets = subsets;
  const annotations: Record<string, string> = { ...(next.metadata.annotations ?? {}) };
  const t = triggerTime(svc, pods);
  if (t) annotations[LAST_CHANGE_TRIGGER_TIME] = formatTriggerTime(t);
  else delete annotations[LAST_CHANGE_TRIGGER_TIME];
  if (truncated) annotations[OVER_CAPACITY] = 'truncated';
  else delete annotations[OVER_CAPACITY];
  next.metadata.annotations = annotations;
  await writeEndpoints(deps, next, current !== undefined);
}

async function writeEndpoints(deps: EndpointsSyncDeps, next: EndpointsObject, exists: boolean): Promise<void> {
  const namespace = next.metadata?.namespace ?? '';
  const key = `${namespace}/${next.metadata?.name ?? ''}`;
  try {
    if (exists) await deps.client.update(ENDPOINTS, namespace, next);
    else await deps.client.create(ENDPOINTS, namespace, next);
  } catch (err) {
    if (!exists && isNamespaceTerminating(err)) return;
    if (exists) deps.recorder.event(next, 'Warning', 'FailedToUpdateEndpoint', `Failed to update endpoint ${key}: ${errorText(err)}`);
    else deps.recorder.event(next, 'Warning', 'FailedToCreateEndpoint', `Failed to create endpoint for service ${key}: ${errorText(err)}`);
    throw err;
  }
}

function upToDate(cur: Readonly<Endpoints>, subsets: unknown[], labels: Record<string, string>, truncated: boolean): boolean {
  const overCapacity = cur.metadata?.annotations?.[OVER_CAPACITY] === 'truncated';
  return (
    overCapacity === truncated &&
    isDeepStrictEqual(cur.subsets ?? [], subsets) &&
    isDeepStrictEqual(cur.metadata?.labels ?? {}, labels)
  );
}

async function deleteEndpoints(client: Client, namespace: string, name: string): Promise<void> {
  try {
    await client.delete(ENDPOINTS, namespace, name);
  } catch (err) {
    if (!isNotFoundStatus(err)) throw err;
  }
}
