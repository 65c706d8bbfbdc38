/**
 * What the collector does with an owner of the attemptToOrphan queue (deleted with propagationPolicy Orphan, so
 * carrying the `orphan` finalizer): every dependent loses its reference to the owner, then the finalizer goes and
 * the server removes the owner. Dependents are those of the graph; one that appears later names an owner that is
 * gone and is then collected as an orphan would be, as upstream.
 */
import type { GraphBuilder } from './graph-builder.js';
import { FINALIZER_ORPHAN } from './graph.js';
import type { GcOperations } from './operations.js';

/** Dependents patched at once (bounds the requests in flight for an owner of thousands). */
const ORPHAN_BATCH = 50;

export class OrphanAttempts {
  constructor(
    private readonly graph: GraphBuilder,
    private readonly ops: GcOperations,
  ) {}

  async attempt(uid: string): Promise<void> {
    const owner = this.graph.nodes.get(uid);
    if (!owner) return;
    const dependents = [...owner.dependents];
    const failed: PromiseRejectedResult[] = [];
    for (let i = 0; i < dependents.length; i += ORPHAN_BATCH) {
      const batch = dependents.slice(i, i + ORPHAN_BATCH);
      const results = await Promise.allSettled(batch.map((d) => this.ops.removeOwnerReferences(d.identity, [uid])));
      failed.push(...results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'));
    }
    if (failed.length > 0) {
      throw new AggregateError(failed.map((f) => f.reason), `orphaning ${failed.length} of ${dependents.length} dependents failed`);
    }
    await this.ops.removeFinalizer(owner.identity, FINALIZER_ORPHAN);
  }
}
