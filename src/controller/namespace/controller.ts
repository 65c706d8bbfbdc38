/**
 * The namespace controller: a namespace with a deletionTimestamp and the `kubernetes` finalizer is emptied (every
 * namespaced resource of the catalog), its conditions tell how far that got, and once nothing remains the
 * `kubernetes` finalizer is removed through the finalize subresource, after which the API server removes it.
 * While content remains (pods terminating with a grace period, objects held by finalizers) the key is looked at
 * again after estimate/2 + 1 seconds, as upstream.
 */
import type { Namespace } from 'kubernetes-types/core/v1.js';
import type { ResourceRef } from '../../client/interface.js';
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { NAMESPACES } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { failingConditions, updateConditions } from './conditions.js';
import { deletableResources, deleteAllContent, type ContentResult } from './content.js';
import { newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';

export type NamespaceObject = Namespace;

export const FINALIZER_KUBERNETES = 'kubernetes';

export interface NamespaceControllerOptions {
  /** Upstream's --concurrent-namespace-syncs default is 10. */
  workers?: number;
  /**
   * Wait after a namespace event before acting (upstream's namespaceDeletionGracePeriod, 5 s): lets every API
   * server see the deletion and stop admitting new objects into the namespace.
   */
  deletionGracePeriodMs?: number;
  /** Resources to empty; default every namespaced, deletable resource of the catalog. */
  resources?: readonly ResourceRef[];
  queue?: WorkQueue;
}

export class NamespaceController implements Controller {
  readonly name = 'namespace-controller';
  readonly queue: WorkQueue;
  private readonly namespaces: Informer<NamespaceObject>;
  private readonly resources: readonly ResourceRef[];

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: NamespaceControllerOptions = {},
  ) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'namespace');
    this.resources = opts.resources ?? deletableResources();
    this.namespaces = ctx.informers.informerFor<NamespaceObject>(NAMESPACES);
    const enqueue = (ns: Readonly<NamespaceObject>): void => {
      if (ns.metadata?.deletionTimestamp) this.queue.addAfter(keyOf(ns), opts.deletionGracePeriodMs ?? 5000);
    };
    this.namespaces.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cur) => enqueue(cur) });
  }

  async sync(key: string): Promise<SyncResult> {
    const cached = this.namespaces.lister.get('', key);
    if (!cached?.metadata?.deletionTimestamp) return;
    const live = await this.getLive(key);
    if (!live?.metadata?.deletionTimestamp || !(live.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;
    const result = await deleteAllContent(this.ctx.client, key, this.resources);
    await this.writeConditions(live, result);
    if (result.errors.length > 0) throw new Error(`namespace ${key}: ${result.errors.join('; ')}`);
    if (result.remaining.size > 0) return { requeueAfter: (Math.floor(result.estimateSeconds / 2) + 1) * 1000 };
    await this.finalize(key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? 10, sync: (k) => this.sync(k), errorMessage: 'Error syncing namespace', logKey: 'namespace' },
    ]);
  }

  private async getLive(name: string): Promise<NamespaceObject | undefined> {
    try {
      return await this.ctx.client.get<NamespaceObject>(NAMESPACES, '', name);
    } catch (err) {
      if (isNotFoundStatus(err)) return undefined;
      throw err;
    }
  }

  private async writeConditions(live: Readonly<NamespaceObject>, result: ContentResult): Promise<void> {
    const current = live.status?.conditions ?? [];
    const conditions = updateConditions(current, failingConditions(result), this.ctx.clock.now());
    if (JSON.stringify(conditions) === JSON.stringify(current)) return;
    const next = structuredClone(live) as NamespaceObject;
    next.status = { ...next.status, conditions };
    await this.ctx.client.update(NAMESPACES, '', next, { subresource: 'status' });
  }

  /** Removes `kubernetes` from spec.finalizers (read fresh: the status write changed the resourceVersion). */
  private async finalize(name: string): Promise<void> {
    const live = await this.getLive(name);
    if (!live) return;
    const next = structuredClone(live) as NamespaceObject;
    next.spec = { ...next.spec, finalizers: (live.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES) };
    await this.ctx.client.update(NAMESPACES, '', next, { subresource: 'finalize' });
  }
}

export function newNamespaceController(ctx: ControllerContext, opts: NamespaceControllerOptions = {}): NamespaceController {
  return new NamespaceController(ctx, opts);
}
