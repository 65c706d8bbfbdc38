/**
 * What the collector does with one node of the attemptToDelete queue (upstream's attemptToDeleteItem):
 *   - a virtual node the server does not have (or has under another uid) is removed from the graph, which puts
 *     its dependents on the queue;
 *   - a node in foreground deletion loses its `foregroundDeletion` finalizer once no blocking dependent remains,
 *     and until then pushes its blocking dependents to be deleted;
 *   - an object whose owners are all gone is deleted (background, unless its own finalizers say otherwise); one
 *     whose owners wait for it in a foreground deletion is deleted in the foreground when it has dependents itself;
 *     one with a live owner only loses its references to absent or waiting owners.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { KubeObject } from '../../client/interface.js';
import type { GraphBuilder } from './graph-builder.js';
import { FINALIZER_DELETE_DEPENDENTS, FINALIZER_ORPHAN, ownerIdentity, type GraphNode } from './graph.js';
import { metaOf, type GcOperations, type Propagation } from './operations.js';

/** How the worker treats the key afterwards. */
export type AttemptResult = 'done' | 'requeue';

interface Classified {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waiting: OwnerReference[];
}

export class DeleteAttempts {
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ops: GcOperations,
  ) {}

  async attempt(uid: string): Promise<AttemptResult> {
    const node = this.graph.nodes.get(uid);
    if (!node) return 'done';
    // Deletion is a one-way trip: wait for the object to go; its dependents are looked at then.
    if (node.beingDeleted && !node.deletingDependents) return 'done';
    const latest = await this.ops.get(node.identity);
    if (!latest || metaOf(latest).uid !== uid) {
      this.graph.remove(node.identity);
      return 'done';
    }
    if (node.deletingDependents) await this.processDeletingDependents(node);
    else await this.collectIfOrphaned(node, latest);
    // The server has a virtual node's object but the informer has not shown it yet: look again later.
    return node.virtual ? 'requeue' : 'done';
  }

  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const blocking = node.blockingDependents();
    if (blocking.length === 0) return this.ops.removeFinalizer(node.identity, FINALIZER_DELETE_DEPENDENTS);
    for (const dep of blocking) {
      if (!dep.deletingDependents) this.graph.queueDelete(dep.identity.uid);
    }
  }

  private async collectIfOrphaned(node: GraphNode, latest: Readonly<KubeObject>): Promise<void> {
    const refs = metaOf(latest).ownerReferences ?? [];
    if (refs.length === 0) return;
    const { solid, dangling, waiting } = await this.classify(node, refs);
    if (solid.length > 0) {
      if (dangling.length + waiting.length === 0) return;
      return this.ops.removeOwnerReferences(node.identity, [...dangling, ...waiting].map((r) => r.uid));
    }
    if (waiting.length > 0 && node.dependents.size > 0) {
      // A dependent already deleting its own dependents while we wait for it would be a cycle: stop blocking.
      if ([...node.dependents].some((d) => d.deletingDependents)) await this.ops.unblockOwnerReferences(node.identity, refs);
      return this.ops.delete(node.identity, 'Foreground');
    }
    return this.ops.delete(node.identity, policyFromFinalizers(latest));
  }

  /** Sorts references into live owners, absent owners, and owners deleting in the foreground. */
  private async classify(node: GraphNode, refs: readonly OwnerReference[]): Promise<Classified> {
    const out: Classified = { solid: [], dangling: [], waiting: [] };
    for (const ref of refs) {
      const owner = await this.liveOwner(node, ref);
      if (!owner) out.dangling.push(ref);
      else if (metaOf(owner).deletionTimestamp && (metaOf(owner).finalizers ?? []).includes(FINALIZER_DELETE_DEPENDENTS)) out.waiting.push(ref);
      else out.solid.push(ref);
    }
    return out;
  }

  /** The owner as the server has it, or undefined when it is absent (remembered in the absent-owner cache). */
  private async liveOwner(node: GraphNode, ref: OwnerReference): Promise<KubeObject | undefined> {
    const identity = ownerIdentity(ref, node.identity.namespace);
    if (this.graph.absentOwners.has(identity)) return undefined;
    const owner = await this.ops.get(identity);
    if (owner && metaOf(owner).uid === ref.uid) return owner;
    this.graph.absentOwners.add(identity);
    return undefined;
  }
}

/** The propagation an orphaned object is deleted with: its own orphan/foreground finalizer is honoured. */
export function policyFromFinalizers(obj: Readonly<KubeObject>): Propagation {
  const f = metaOf(obj).finalizers ?? [];
  if (f.includes(FINALIZER_ORPHAN)) return 'Orphan';
  if (f.includes(FINALIZER_DELETE_DEPENDENTS)) return 'Foreground';
  return 'Background';
}
