/**
 * The StatefulSet controller: wiring, handlers and the queue. Handlers only enqueue set keys — a pod's event goes
 * to its controllerRef owner, or for an orphan to every set whose selector matches it (one of them may adopt it).
 * Stable names make expectations unnecessary: a pod created twice from a stale cache fails with AlreadyExists.
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import { CONTROLLER_REVISIONS, PODS, PVCS, STATEFUL_SETS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import { getControllerOf, newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';
import type { RevisionObject } from '../history/revisions.js';
import { syncStatefulSet } from './sync.js';
import {
  CONTROLLER_NAME, DEFAULT_WORKERS, type ClaimObject, type P, type PodObject, type S, type StatefulSetControllerOptions,
  type StatefulSetDeps, type StatefulSetObject,
} from './types.js';

export type StatefulSetControllerContext = Pick<ControllerContext, 'client' | 'informers' | 'clock' | 'recorder'> &
  Partial<Pick<ControllerContext, 'logger' | 'queueMetrics'>>;

export class StatefulSetController implements Controller {
  readonly name = CONTROLLER_NAME;
  readonly queue: WorkQueue;
  private readonly deps: StatefulSetDeps;

  constructor(private readonly ctx: StatefulSetControllerContext, private readonly opts: StatefulSetControllerOptions & { queue?: WorkQueue } = {}) {
    this.queue = opts.queue ?? newControllerQueue(ctx, CONTROLLER_NAME);
    const sets = ctx.informers.informerFor<StatefulSetObject>(STATEFUL_SETS);
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    this.deps = {
      client: ctx.client, clock: ctx.clock, recorder: ctx.recorder,
      sets: sets.lister, pods: pods.lister,
      claims: ctx.informers.informerFor<ClaimObject>(PVCS).lister,
      revisions: ctx.informers.informerFor<RevisionObject>(CONTROLLER_REVISIONS).lister,
    };
    this.addHandlers(sets, pods);
  }

  /** One sync of a key; the workers call it, and so do tests. */
  sync(key: string): Promise<SyncResult> {
    return syncStatefulSet(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? DEFAULT_WORKERS, sync: (key) => this.sync(key), errorMessage: 'Error syncing StatefulSet' },
    ]);
  }

  private addHandlers(sets: Informer<StatefulSetObject>, pods: Informer<PodObject>): void {
    const enqueue = (s: S): void => this.queue.add(keyOf(s));
    sets.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cur) => enqueue(cur), onDelete: enqueue });
    pods.addEventHandler({
      onAdd: (p) => this.enqueueFor(p),
      onUpdate: (old, cur) => this.podUpdated(old, cur),
      onDelete: (p) => this.ownerOf(p) && enqueue(this.ownerOf(p)!),
    });
  }

  /** The set a controllerRef points at, when it is a StatefulSet in the cache with the same uid. */
  private ownerOf(p: P, ref = getControllerOf(p)): S | undefined {
    if (!ref || ref.kind !== 'StatefulSet') return undefined;
    const set = this.deps.sets.get(p.metadata?.namespace ?? '', ref.name);
    return set?.metadata?.uid === ref.uid ? set : undefined;
  }

  /** The owner's key, or for an orphan every set whose selector matches it. */
  private enqueueFor(p: P): void {
    if (getControllerOf(p)) {
      const set = this.ownerOf(p);
      if (set) this.queue.add(keyOf(set));
      return;
    }
    for (const set of this.deps.sets.list(p.metadata?.namespace ?? '')) {
      try {
        if (labelSelectorAsSelector(set.spec?.selector).matches(p.metadata?.labels)) this.queue.add(keyOf(set));
      } catch {
        // an invalid selector adopts nothing
      }
    }
  }

  private podUpdated(old: P, cur: P): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const oldRef = getControllerOf(old);
    if (oldRef && oldRef.uid !== getControllerOf(cur)?.uid) {
      const prev = this.ownerOf(old, oldRef);
      if (prev) this.queue.add(keyOf(prev));
    }
    this.enqueueFor(cur);
  }
}

export function newStatefulSetController(ctx: StatefulSetControllerContext, opts?: StatefulSetControllerOptions & { queue?: WorkQueue }): StatefulSetController {
  return new StatefulSetController(ctx, opts);
}
