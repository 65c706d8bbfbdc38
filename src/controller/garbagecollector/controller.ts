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
import { createRateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import { runWorkers, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';

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
    this.attemptToDelete = opts.queues?.attemptToDelete ?? createRateLimitingQueue({ clock: ctx.clock, name: 'garbage_collector_attempt_to_delete' });
    this.attemptToOrphan = opts.queues?.attemptToOrphan ?? createRateLimitingQueue({ clock: ctx.clock, name: 'garbage_collector_attempt_to_orphan' });
    this.graph = new GraphBuilder({ attemptToDelete: this.attemptToDelete, attemptToOrphan: this.attemptToOrphan });
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
    this.ctx.informers.start(signal);
    if (!(await this.ctx.informers.waitForCacheSync(signal))) return;
    const onError = (uid: string, err: unknown): void => this.ctx.logger.error('Error syncing item', { uid, err: String(err) });
    const common = { workers: this.opts.workers ?? DEFAULT_GC_WORKERS, signal, clock: this.ctx.clock, onError };
    await Promise.all([
      runWorkers({ ...common, queue: this.attemptToDelete, sync: (k) => this.syncDelete(k) }),
      runWorkers({ ...common, queue: this.attemptToOrphan, sync: (k) => this.syncOrphan(k) }),
    ]);
  }
}

export function newGarbageCollector(ctx: ControllerContext, opts: GarbageCollectorOptions = {}): GarbageCollector {
  return new GarbageCollector(ctx, opts);
}
