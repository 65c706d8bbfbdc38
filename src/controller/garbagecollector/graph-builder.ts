/**
 * The graph builder: informers on every listable and watchable resource of the catalog feed the dependency graph.
 * Upstream funnels informer events through one "graphChanges" queue drained by one goroutine; on one event loop the
 * handlers themselves are that single consumer, so they apply each change at once, in order, and only enqueue uids
 * into the collector's two keyed queues:
 *   - attemptToDelete: nodes whose owners may be gone (a virtual owner to verify, an owner deleted, a dependent of a
 *     foreground deletion, an owner waiting for its blocking dependents);
 *   - attemptToOrphan: owners deleted with the `orphan` finalizer.
 * A namespaced dependent whose owner reference resolves to an object observed in another namespace gets an
 * OwnerRefInvalidNamespace warning (as upstream) and is queued: its owner does not exist where it points.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { CATALOG, STANDARD_VERBS, type CatalogEntry } from '../../api/catalog.js';
import type { KubeObject, ResourceRef } from '../../client/interface.js';
import type { Informer, SharedInformerFactory } from '../../client/informer/interface.js';
import { NOP_RECORDER, type EventRecorder } from '../../client/record/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import {
  AbsentOwnerCache,
  FINALIZER_DELETE_DEPENDENTS,
  FINALIZER_ORPHAN,
  GraphNode,
  identityString,
  ownerIdentity,
  referencesDiff,
  sameIdentity,
  type ObjectIdentity,
} from './graph.js';

/** Resources the collector never watches (upstream's default ignoredResources): events are many and never owners. */
export const IGNORED_RESOURCES: readonly { group: string; resource: string }[] = [
  { group: '', resource: 'events' },
  { group: 'events.k8s.io', resource: 'events' },
];

/** The catalog entries the collector monitors: list + watch, not ignored. */
export function monitoredResources(catalog: readonly CatalogEntry[] = CATALOG): CatalogEntry[] {
  return catalog.filter((e) => {
    const verbs = e.verbs ?? STANDARD_VERBS;
    if (!verbs.includes('list') || !verbs.includes('watch')) return false;
    return !IGNORED_RESOURCES.some((i) => i.group === e.group && i.resource === e.resource);
  });
}

type Meta = NonNullable<KubeObject['metadata']> & {
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  deletionTimestamp?: string;
};

const metaOf = (obj: Readonly<KubeObject>): Readonly<Meta> => (obj.metadata ?? {}) as Meta;

const hasFinalizer = (obj: Readonly<KubeObject>, f: string): boolean => (metaOf(obj).finalizers ?? []).includes(f);

export function identityOf(r: ResourceRef, obj: Readonly<KubeObject>): ObjectIdentity {
  const m = metaOf(obj);
  return {
    apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
    kind: r.kind,
    namespace: m.namespace ?? '',
    name: m.name ?? '',
    uid: m.uid ?? '',
  };
}

export interface GraphQueues {
  attemptToDelete: WorkQueue;
  attemptToOrphan: WorkQueue;
}

export class GraphBuilder {
  /** The one index of the graph. */
  readonly nodes = new Map<string, GraphNode>();
  readonly absentOwners = new AbsentOwnerCache();
  private readonly informers: Informer[] = [];

  constructor(
    private readonly queues: GraphQueues,
    private readonly recorder: EventRecorder = NOP_RECORDER,
  ) {}

  /** Registers handlers on the informer of every monitored resource. */
  monitor(factory: SharedInformerFactory, resources: readonly CatalogEntry[] = monitoredResources()): void {
    for (const e of resources) {
      const r: ResourceRef = { group: e.group, version: e.version, resource: e.resource, kind: e.kind, namespaced: e.namespaced };
      const inf = factory.informerFor(r);
      inf.addEventHandler({
        onAdd: (obj) => this.upsert(r, obj),
        onUpdate: (_old, cur) => this.upsert(r, cur),
        onDelete: (obj) => this.remove(identityOf(r, obj)),
      });
      this.informers.push(inf);
    }
  }

  /** Puts a node on the attemptToDelete queue (the collector asks for blocking dependents this way). */
  queueDelete(uid: string): void {
    this.queues.attemptToDelete.add(uid);
  }

  hasSynced(): boolean {
    return this.informers.every((i) => i.hasSynced());
  }

  /** An object was added or changed. */
  upsert(r: ResourceRef, obj: Readonly<KubeObject>): void {
    const identity = identityOf(r, obj);
    if (!identity.uid) return;
    const owners = metaOf(obj).ownerReferences ?? [];
    const existing = this.nodes.get(identity.uid);
    if (!existing) {
      const node = new GraphNode(identity, owners, false);
      this.nodes.set(identity.uid, node);
      this.addToOwners(node, owners);
      this.processTransitions(obj, node);
      return;
    }
    if (existing.virtual) this.observe(existing, identity);
    const diff = referencesDiff(existing.owners, owners);
    if (diff.added.length + diff.removed.length + diff.changed.length > 0) {
      this.unblockOwners(diff.removed, diff.changed.filter((c) => c.old.blockOwnerDeletion && !c.cur.blockOwnerDeletion).map((c) => c.old));
      existing.owners = owners;
      this.addToOwners(existing, diff.added);
      this.removeFromOwners(existing, diff.removed);
    }
    this.processTransitions(obj, existing);
  }

  /**
   * An object is gone: observed by an informer, or verified absent by the collector for a virtual node. Its
   * dependents may now be orphans; owners waiting for it in a foreground deletion may proceed.
   */
  remove(identity: ObjectIdentity): void {
    const node = this.nodes.get(identity.uid);
    if (!node) return;
    if (node.virtual && !sameIdentity(node.identity, identity)) return;
    this.nodes.delete(identity.uid);
    this.removeFromOwners(node, node.owners);
    if (node.dependents.size > 0) this.absentOwners.add(identity);
    for (const dep of node.dependents) this.queues.attemptToDelete.add(dep.identity.uid);
    for (const ref of node.owners) {
      const owner = this.nodes.get(ref.uid);
      if (owner?.deletingDependents) this.queues.attemptToDelete.add(ref.uid);
    }
  }

  /** A virtual node's object arrived from an informer; dependents that named it differently get re-checked. */
  private observe(node: GraphNode, identity: ObjectIdentity): void {
    node.virtual = false;
    if (sameIdentity(node.identity, identity)) return;
    node.identity = identity;
    for (const dep of node.dependents) {
      if (identity.namespace && dep.identity.namespace !== identity.namespace) this.reportInvalidNamespaceOwnerRef(dep, identity.uid);
      this.queues.attemptToDelete.add(dep.identity.uid);
    }
  }

  private addToOwners(node: GraphNode, refs: readonly OwnerReference[]): void {
    for (const ref of refs) {
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        owner = new GraphNode(ownerIdentity(ref, node.identity.namespace), [], true);
        this.nodes.set(ref.uid, owner);
        this.queues.attemptToDelete.add(ref.uid);
      } else if (!owner.virtual && owner.identity.namespace && owner.identity.namespace !== node.identity.namespace) {
        // The owner is namespaced and observed elsewhere: nothing of that uid exists where the reference points.
        this.reportInvalidNamespaceOwnerRef(node, ref.uid);
        this.queues.attemptToDelete.add(node.identity.uid);
      }
      owner.dependents.add(node);
    }
  }

  /** Upstream's event for a reference to an owner that lives in another namespace, on the dependent. */
  private reportInvalidNamespaceOwnerRef(dependent: GraphNode, ownerUid: string): void {
    const ref = dependent.owners.find((o) => o.uid === ownerUid);
    if (!ref) return;
    const { apiVersion, kind, namespace, name, uid } = dependent.identity;
    const invalid = { apiVersion: ref.apiVersion, kind: ref.kind, namespace, name: ref.name, uid: ref.uid };
    const message = `ownerRef ${identityString(invalid)} does not exist in namespace ${JSON.stringify(namespace)}`;
    this.recorder.event({ apiVersion, kind, metadata: { namespace, name, uid } }, 'Warning', 'OwnerRefInvalidNamespace', message);
  }

  private removeFromOwners(node: GraphNode, refs: readonly OwnerReference[]): void {
    for (const ref of refs) this.nodes.get(ref.uid)?.dependents.delete(node);
  }

  /** Owners in a foreground deletion that a dependent stopped blocking are looked at again. */
  private unblockOwners(removed: readonly OwnerReference[], unblocked: readonly OwnerReference[]): void {
    for (const ref of [...removed.filter((r) => r.blockOwnerDeletion), ...unblocked]) {
      if (this.nodes.get(ref.uid)?.deletingDependents) this.queues.attemptToDelete.add(ref.uid);
    }
  }

  /**
   * Deletion states, level-triggered: an owner with the orphan finalizer goes to attemptToOrphan; one entering
   * foreground deletion queues its dependents once (on the transition) and itself on every change.
   */
  private processTransitions(obj: Readonly<KubeObject>, node: GraphNode): void {
    const deleting = Boolean(metaOf(obj).deletionTimestamp);
    if (deleting) node.beingDeleted = true;
    if (deleting && hasFinalizer(obj, FINALIZER_ORPHAN)) this.queues.attemptToOrphan.add(node.identity.uid);
    const foreground = deleting && hasFinalizer(obj, FINALIZER_DELETE_DEPENDENTS);
    if (foreground && !node.deletingDependents) {
      for (const dep of node.dependents) this.queues.attemptToDelete.add(dep.identity.uid);
    }
    node.deletingDependents = foreground;
    if (foreground) this.queues.attemptToDelete.add(node.identity.uid);
  }
}
