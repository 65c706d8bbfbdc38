/**
 * Aggregated discovery (apidiscovery.k8s.io v2 and v2beta1): one document per /api or /apis with every
 * resource, negotiated by Accept. kubectl 1.27/1.28 offer only v2beta1; answering v2 to them, or sending this body
 * with a plain application/json Content-Type, breaks every command (kubectl-wire.md §0.2).
 */
import { parseAccept } from '../request/negotiate.js';
import type { GroupVersions } from './resources.js';
import { subresourcesOf } from './resources.js';

export type DiscoveryVersion = 'v2' | 'v2beta1';

/** The aggregated version the client asked for (in its order of preference), or undefined for legacy. */
export function aggregatedVersion(accept: string | undefined): DiscoveryVersion | undefined {
  for (const m of parseAccept(accept)) {
    if (m.params['as'] === 'APIGroupDiscoveryList' && m.params['g'] === 'apidiscovery.k8s.io') {
      const v = m.params['v'];
      if (v === 'v2' || v === 'v2beta1') return v;
      continue;
    }
    if (m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*') return undefined;
  }
  return undefined;
}

export const aggregatedContentType = (v: DiscoveryVersion): string =>
  `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`;

export function aggregatedList(groups: GroupVersions[], v: DiscoveryVersion): object {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map((version) => ({
        version,
        resources: (g.byVersion.get(version) ?? []).map((d) => {
          const i = d.info;
          return {
            resource: i.resource,
            responseKind: { group: i.group, version: i.version, kind: i.kind },
            scope: i.namespaced ? 'Namespaced' : 'Cluster',
            singularResource: i.singular,
            verbs: i.verbs,
            ...(i.shortNames ? { shortNames: i.shortNames } : {}),
            ...(i.categories ? { categories: i.categories } : {}),
            ...(subresourcesOf(d).length
              ? { subresources: subresourcesOf(d).map((s) => ({ subresource: s.name, responseKind: { group: s.group, version: s.version, kind: s.kind }, verbs: s.verbs })) }
              : {}),
          };
        }),
        freshness: 'Current',
      })),
    })),
  };
}
