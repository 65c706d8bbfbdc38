/** The resource and subresource entries that both discovery forms (legacy and aggregated) publish. */
import type { ResourceDefinition } from '../registry/resource.js';

export interface SubresourceEntry {
  name: string;
  kind: string;
  group: string;
  version: string;
  verbs: string[];
}

export function subresourcesOf(def: ResourceDefinition): SubresourceEntry[] {
  const i = def.info;
  const out: SubresourceEntry[] = [];
  if (def.status) out.push({ name: 'status', kind: i.kind, group: i.group, version: i.version, verbs: ['get', 'patch', 'update'] });
  if (def.scale) out.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
  for (const x of def.extraSubresources ?? []) {
    out.push({ name: x.name, kind: x.kind, group: x.group ?? i.group, version: x.version ?? i.version, verbs: x.verbs });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

export interface GroupVersions {
  group: string;
  /** Preferred first. */
  versions: string[];
  byVersion: Map<string, ResourceDefinition[]>;
}

/** Groups definitions by API group, core ("") first, then the named groups in registration order. */
export function groupDefinitions(defs: ResourceDefinition[]): GroupVersions[] {
  const groups = new Map<string, GroupVersions>();
  for (const d of defs) {
    const g: GroupVersions = groups.get(d.info.group) ?? { group: d.info.group, versions: [], byVersion: new Map() };
    if (!g.byVersion.has(d.info.version)) {
      g.versions.push(d.info.version);
      g.byVersion.set(d.info.version, []);
    }
    g.byVersion.get(d.info.version)!.push(d);
    groups.set(d.info.group, g);
  }
  return [...groups.values()];
}
