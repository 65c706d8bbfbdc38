/**
 * The garbage collector's dependency graph: one node per object uid (one map: `uid → node`), each node knowing its
 * owners (the object's ownerReferences) and its dependents (the nodes whose ownerReferences name it). A node is
 * *virtual* while it was only seen as someone's owner: the collector then asks the API server whether it exists.
 *
 * The graph is changed only by the graph builder, synchronously inside informer handlers (one event loop: no locks).
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { catalogEntryForKind } from '../../api/catalog.js';
import type { ResourceRef } from '../../client/interface.js';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_DELETE_DEPENDENTS = 'foregroundDeletion';

/** Where an object lives: enough to GET it and to tell it from another object of the same name. */
export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  uid: string;
}

export class GraphNode {
  readonly dependents = new Set<GraphNode>();
  /** Set once the object was seen with a deletionTimestamp (a one-way trip). */
  beingDeleted = false;
  /** Set while the object carries the foregroundDeletion finalizer with a deletionTimestamp. */
  deletingDependents = false;

  constructor(
    public identity: ObjectIdentity,
    public owners: readonly OwnerReference[],
    /** True while the node is known only from dependents' ownerReferences. */
    public virtual: boolean,
  ) {}

  /** Dependents that block this owner's foreground deletion (their reference has blockOwnerDeletion). */
  blockingDependents(): GraphNode[] {
    const out: GraphNode[] = [];
    for (const dep of this.dependents) {
      if (dep.owners.some((o) => o.uid === this.identity.uid && o.blockOwnerDeletion === true)) out.push(dep);
    }
    return out;
  }
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
export const groupOf = (apiVersion: string): string => {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
};

/** The served resource of an identity's kind, or undefined when the catalog does not know it. */
export function resourceFor(identity: Pick<ObjectIdentity, 'apiVersion' | 'kind'>): ResourceRef | undefined {
  const e = catalogEntryForKind(groupOf(identity.apiVersion), identity.kind);
  return e && { group: e.group, version: e.version, resource: e.resource, kind: e.kind, namespaced: e.namespaced };
}

/** The identity an owner reference names, resolved against the dependent's namespace. */
export function ownerIdentity(ref: Readonly<OwnerReference>, dependentNamespace: string): ObjectIdentity {
  const r = resourceFor(ref);
  const namespace = r && !r.namespaced ? '' : dependentNamespace;
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace, name: ref.name, uid: ref.uid };
}

export const sameIdentity = (a: ObjectIdentity, b: ObjectIdentity): boolean =>
  a.uid === b.uid && a.name === b.name && a.namespace === b.namespace && a.kind === b.kind && groupOf(a.apiVersion) === groupOf(b.apiVersion);

export const identityKey = (i: ObjectIdentity): string => `${groupOf(i.apiVersion)}/${i.kind}/${i.namespace}/${i.name}/${i.uid}`;

export const identityString = (i: ObjectIdentity): string =>
  `[${i.apiVersion}/${i.kind}, namespace: ${i.namespace}, name: ${i.name}, uid: ${i.uid}]`;

/** How a node's owner references changed between two versions of the object (by uid). */
export interface ReferenceDiff {
  added: OwnerReference[];
  removed: OwnerReference[];
  changed: { old: OwnerReference; cur: OwnerReference }[];
}

export function referencesDiff(old: readonly OwnerReference[], cur: readonly OwnerReference[]): ReferenceDiff {
  const oldByUid = new Map(old.map((r) => [r.uid, r]));
  const curUids = new Set(cur.map((r) => r.uid));
  const diff: ReferenceDiff = { added: [], removed: [], changed: [] };
  for (const r of cur) {
    const o = oldByUid.get(r.uid);
    if (!o) diff.added.push(r);
    else if (!sameReference(o, r)) diff.changed.push({ old: o, cur: r });
  }
  for (const r of old) if (!curUids.has(r.uid)) diff.removed.push(r);
  return diff;
}

const sameReference = (a: OwnerReference, b: OwnerReference): boolean =>
  a.apiVersion === b.apiVersion &&
  a.kind === b.kind &&
  a.name === b.name &&
  (a.controller ?? false) === (b.controller ?? false) &&
  (a.blockOwnerDeletion ?? false) === (b.blockOwnerDeletion ?? false);

/** A bounded set of identities known to be absent (upstream's absentOwnerCache): saves a GET per orphan. */
export class AbsentOwnerCache {
  private readonly keys = new Map<string, true>();
  constructor(private readonly max = 500) {}

  add(i: ObjectIdentity): void {
    const k = identityKey(i);
    this.keys.delete(k);
    this.keys.set(k, true);
    if (this.keys.size > this.max) this.keys.delete(this.keys.keys().next().value as string);
  }

  has(i: ObjectIdentity): boolean {
    const k = identityKey(i);
    if (!this.keys.has(k)) return false;
    this.keys.delete(k);
    this.keys.set(k, true);
    return true;
  }
}
