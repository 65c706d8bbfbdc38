/**
 * Deleting everything in a namespace, resource by resource over the catalog (the namespaced, deletable ones):
 * deletecollection where the resource serves it, else list + delete each, both with background propagation; then a
 * list of what is left (objects still terminating, or held by finalizers) and an estimate of how long pods need.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { CATALOG, STANDARD_VERBS, type CatalogEntry } from '../../api/catalog.js';
import type { Client, ResourceRef } from '../../client/interface.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import type { ContentTotals } from './conditions.js';

/** Upstream's finalizerEstimateSeconds: how long to wait before looking again at objects held by finalizers. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

export interface ContentResult extends ContentTotals {
  /** Seconds until what remains is expected to be gone (0 when nothing remains). */
  estimateSeconds: number;
}

/** Namespaced resources the namespace controller empties. */
export function deletableResources(catalog: readonly CatalogEntry[] = CATALOG): ResourceRef[] {
  return catalog
    .filter((e) => e.namespaced && (e.verbs ?? STANDARD_VERBS).includes('list') && (e.verbs ?? STANDARD_VERBS).includes('delete'))
    .map((e) => ({ group: e.group, version: e.version, resource: e.resource, kind: e.kind, namespaced: true }));
}

const supportsCollection = (r: ResourceRef): boolean =>
  (CATALOG.find((e) => e.group === r.group && e.resource === r.resource)?.verbs ?? STANDARD_VERBS).includes('deletecollection');

/** `pods.` or `deployments.apps`, as upstream's messages print a group resource. */
const grString = (r: ResourceRef): string => `${r.resource}.${r.group}`;

type Meta = { finalizers?: string[] };

/** The longest termination grace period of the namespace's non-terminal pods (upstream's estimate for pods). */
function podEstimate(pods: readonly Pod[]): number {
  let estimate = 0;
  for (const p of pods) {
    const phase = p.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const grace = p.spec?.terminationGracePeriodSeconds ?? 0;
    estimate = Math.max(estimate, grace);
  }
  return estimate;
}

async function deleteAll(client: Client, r: ResourceRef, namespace: string): Promise<void> {
  if (supportsCollection(r)) return client.deleteCollection(r, namespace, { propagationPolicy: 'Background' });
  const list = await client.list(r, namespace);
  for (const item of list.items) {
    try {
      await client.delete(r, namespace, item.metadata?.name ?? '', { propagationPolicy: 'Background' });
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }
}

/** One resource: delete, then count what is left. Returns the estimate in seconds for this resource. */
async function deleteResource(client: Client, r: ResourceRef, namespace: string, totals: ContentResult): Promise<number> {
  let estimate = 0;
  if (r.group === '' && r.resource === 'pods') estimate = podEstimate((await client.list<Pod>(r, namespace)).items);
  await deleteAll(client, r, namespace);
  const left = (await client.list(r, namespace)).items;
  if (left.length === 0) return 0;
  totals.remaining.set(grString(r), left.length);
  let held = false;
  for (const item of left) {
    for (const f of (item.metadata as Meta | undefined)?.finalizers ?? []) {
      totals.finalizers.set(f, (totals.finalizers.get(f) ?? 0) + 1);
      held = true;
    }
  }
  return held ? Math.max(estimate, FINALIZER_ESTIMATE_SECONDS) : estimate;
}

/** Deletes the namespace's content; failures are collected, not thrown, so that every resource gets its turn. */
export async function deleteAllContent(client: Client, namespace: string, resources: readonly ResourceRef[]): Promise<ContentResult> {
  const totals: ContentResult = { remaining: new Map(), finalizers: new Map(), errors: [], estimateSeconds: 0 };
  for (const r of resources) {
    try {
      totals.estimateSeconds = Math.max(totals.estimateSeconds, await deleteResource(client, r, namespace, totals));
    } catch (err) {
      totals.errors.push(`${grString(r)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return totals;
}
