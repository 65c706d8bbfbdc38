/** Legacy discovery documents: APIVersions (/api), APIGroupList (/apis), APIGroup, APIResourceList. */
import { createHash } from 'node:crypto';
import type { GroupVersions } from './resources.js';
import { subresourcesOf } from './resources.js';

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroup(g: GroupVersions): object {
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupList(groups: GroupVersions[]): object {
  const named = groups.filter((g) => g.group !== '');
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: named.map((g) => {
    const { kind: _k, apiVersion: _a, ...rest } = apiGroup(g) as Record<string, unknown>;
    return rest;
  }) };
}

export function apiResourceList(g: GroupVersions, version: string): object {
  const defs = g.byVersion.get(version) ?? [];
  const resources: object[] = [];
  for (const d of defs) {
    const i = d.info;
    resources.push({
      name: i.resource,
      singularName: i.singular,
      namespaced: i.namespaced,
      kind: i.kind,
      verbs: i.verbs,
      ...(i.shortNames ? { shortNames: i.shortNames } : {}),
      ...(i.categories ? { categories: i.categories } : {}),
      storageVersionHash: storageVersionHash(i.group, i.version, i.kind),
    });
    for (const s of subresourcesOf(d)) {
      resources.push({
        name: `${i.resource}/${s.name}`,
        singularName: '',
        namespaced: i.namespaced,
        ...(s.group !== i.group || s.version !== i.version ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: g.group ? `${g.group}/${version}` : version, resources };
}

/** A stable hash of the storage version (upstream: base64 of the first 8 bytes of sha256 of "group/version/kind"). */
function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}
