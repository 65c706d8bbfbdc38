/**
 * The garbage collector: deletes objects whose owners are all gone, runs foreground deletions (dependents first,
 * blockOwnerDeletion ones holding the owner) and orphaning (owner references removed, then the `orphan` finalizer).
 * Two uid-keyed queues fed by the graph builder; workers start once every monitored informer has synced, so that
 * the graph is complete before anything is judged an orphan.
 */
import type { CatalogEntry } from '../../api/catalog.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { DeleteAttempts } from './attempt-delete.js';
import { OrphanAttempts } from './attempt-orphan.js';
import { GraphBuilder, monitoredResources } from './graph-builder.js';
import { GcOperations } from './operations.js';
import { newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';

/** Upstream's --concurrent-gc-syncs default. */
export const DEFAULT_GC_WORKERS = 20;

export interface GarbageCollectorOptions {
  workers?: number;
  /** The resources to monitor; default every listable, watchable, not ignored resource of the catalog. */
  resources?: readonly CatalogEntry[];
  /** Queues to use instead of rate-limited ones on the context's clock (tests). */
  queues?: { attemptToDelete: WorkQueue; attemptToOrphan: WorkQueue };
}

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  readonly graph: GraphBuilder;
  readonly attemptToDelete: WorkQueue;
  readonly attemptToOrphan: WorkQueue;
  private readonly deletes: DeleteAttempts;
  private readonly orphans: OrphanAttempts;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: GarbageCollectorOptions = {},
  ) {
    this.attemptToDelete = opts.queues?.attemptToDelete ?? newControllerQueue(ctx, 'garbage_collector_attempt_to_delete');
    this.attemptToOrphan = opts.queues?.attemptToOrphan ?? newControllerQueue(ctx, 'garbage_collector_attempt_to_orphan');
    this.graph = new GraphBuilder({ attemptToDelete: this.attemptToDelete, attemptToOrphan: this.attemptToOrphan }, ctx.recorder);
    this.graph.monitor(ctx.informers, opts.resources ?? monitoredResources());
    const ops = new GcOperations(ctx.client);
    this.deletes = new DeleteAttempts(this.graph, ops);
    this.orphans = new OrphanAttempts(this.graph, ops);
  }

  /** One attemptToDelete item (exposed for tests); `requeue` = look again with backoff, without an error. */
  async syncDelete(uid: string): Promise<SyncResult> {
    return (await this.deletes.attempt(uid)) === 'requeue' ? { requeue: true } : undefined;
  }

  /** One attemptToOrphan item; throws to be retried (exposed for tests). */
  syncOrphan(uid: string): Promise<void> {
    return this.orphans.attempt(uid);
  }

  async run(signal: AbortSignal): Promise<void> {
    const common = { workers: this.opts.workers ?? DEFAULT_GC_WORKERS, errorMessage: 'Error syncing item', logKey: 'uid' };
    await runController(this.ctx, signal, [
      { ...common, queue: this.attemptToDelete, sync: (k) => this.syncDelete(k) },
      { ...common, queue: this.attemptToOrphan, sync: (k) => this.syncOrphan(k) },
    ]);
  }
}

export function newGarbageCollector(ctx: ControllerContext, opts: GarbageCollectorOptions = {}): GarbageCollector {
  return new GarbageCollector(ctx, opts);
}
