/**
 * Request paths as upstream's REST client builds them:
 *   core:   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
 *   groups: /apis/{group}/{version}/namespaces/{ns}/{resource}/{name}/{subresource}
 * Cluster-scoped resources, and lists/watches across all namespaces (namespace ""), have no namespaces segment.
 */
import type { ListOptions, ResourceRef, WatchOptions, WriteOptions } from '../interface.js';

export interface PathParts {
  namespace?: string;
  name?: string;
  subresource?: string;
}

const seg = (s: string): string => encodeURIComponent(s);

export function resourcePath(r: ResourceRef, p: PathParts = {}): string {
  const parts = [r.group ? `/apis/${seg(r.group)}/${seg(r.version)}` : `/api/${seg(r.version)}`];
  if (r.namespaced && p.namespace) parts.push('namespaces', seg(p.namespace));
  parts.push(seg(r.resource));
  if (p.name !== undefined) {
    if (p.name === '') throw new Error(`a name is required to address one ${r.resource} object`);
    parts.push(seg(p.name));
    if (p.subresource) parts.push(seg(p.subresource));
  }
  return parts.join('/');
}

/** Adds `?k=v&…` for every defined value; an empty query adds nothing. */
export function withQuery(path: string, q: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.append(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export const listQuery = (o: ListOptions = {}): Record<string, string | number | undefined> => ({
  labelSelector: o.labelSelector,
  fieldSelector: o.fieldSelector,
  limit: o.limit,
  continue: o.continue,
  resourceVersion: o.resourceVersion,
  resourceVersionMatch: o.resourceVersionMatch,
});

export const watchQuery = (o: WatchOptions = {}): Record<string, string | number | undefined> => ({
  watch: 'true',
  labelSelector: o.labelSelector,
  fieldSelector: o.fieldSelector,
  resourceVersion: o.resourceVersion,
  timeoutSeconds: o.timeoutSeconds,
  allowWatchBookmarks: o.allowWatchBookmarks ? 'true' : undefined,
});

export const writeQuery = (o: WriteOptions = {}): Record<string, string | undefined> => ({
  dryRun: o.dryRun ? 'All' : undefined,
  fieldManager: o.fieldManager,
  fieldValidation: o.fieldValidation,
});
