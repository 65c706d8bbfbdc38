/**
 * Reactors that give a FakeClient the API server's deletion semantics the collector relies on: DELETE with
 * propagationPolicy Foreground/Orphan keeps the object with a deletionTimestamp and the `foregroundDeletion` /
 * `orphan` finalizer; a strategic merge patch of ownerReferences merges by uid and honours `$patch: delete`.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import type { FakeClient } from './client.js';
import type { DeleteOptions, KubeObject, ResourceRef } from '../interface.js';
import { mergePatch } from './patch.js';

const refOf = (group: string, resource: string): ResourceRef => catalogEntry(group, resource)!;

type Meta = { ownerReferences?: (OwnerReference & { $patch?: string })[]; finalizers?: string[]; deletionTimestamp?: string };

export function withServerDeletion(client: FakeClient, now: () => Date): void {
  client.prependReactor('delete', '*', (a) => {
    const policy = (a.options as DeleteOptions | undefined)?.propagationPolicy;
    if (policy !== 'Foreground' && policy !== 'Orphan') return undefined;
    const r = refOf(a.group, a.resource);
    const cur = structuredClone(client.tracker.get(r, a.namespace, a.name ?? ''));
    const m = cur.metadata as Meta;
    const uid = (a.options as DeleteOptions).preconditions?.uid;
    if (uid && uid !== cur.metadata?.uid) return undefined; // let the tracker answer the conflict
    const f = policy === 'Foreground' ? 'foregroundDeletion' : 'orphan';
    m.finalizers = [...new Set([...(m.finalizers ?? []), f])];
    m.deletionTimestamp ??= now().toISOString();
    return { result: client.tracker.update(r, a.namespace, cur) };
  });
  client.prependReactor('patch', '*', (a) => {
    if (a.patchType !== 'strategic') return undefined;
    const r = refOf(a.group, a.resource);
    const cur = structuredClone(client.tracker.get(r, a.namespace, a.name ?? ''));
    const patch = structuredClone(a.patch) as { metadata?: Meta };
    const refs = patch.metadata?.ownerReferences;
    if (patch.metadata) delete patch.metadata.ownerReferences;
    const next = mergePatch(cur, patch) as KubeObject;
    if (refs) (next.metadata as Meta).ownerReferences = mergeRefs((cur.metadata as Meta).ownerReferences ?? [], refs);
    return { result: client.tracker.update(r, a.namespace, next) };
  });
}

function mergeRefs(cur: OwnerReference[], patch: (OwnerReference & { $patch?: string })[]): OwnerReference[] {
  const deleted = new Set(patch.filter((p) => p.$patch === 'delete').map((p) => p.uid));
  const out = cur.filter((r) => !deleted.has(r.uid)).map((r) => ({ ...r }));
  for (const p of patch) {
    if (p.$patch === 'delete') continue;
    const i = out.findIndex((r) => r.uid === p.uid);
    if (i >= 0) out[i] = { ...out[i]!, ...p };
    else out.push(p);
  }
  return out;
}
