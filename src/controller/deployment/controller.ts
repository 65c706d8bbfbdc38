/**
 * The deployment controller: wiring, handlers and the queue. Deployment events enqueue the deployment; replica set
 * events enqueue their controllerRef owner (an orphan: every deployment whose selector matches it); a pod deletion
 * enqueues a Recreate deployment, which waits for old pods to be gone.
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../../client/resources.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import { getControllerOf, newControllerQueue, runController, type Controller, type ControllerContext } from '../framework/index.js';
import type { PodObject } from '../replicaset/pod-status.js';
import { syncDeployment } from './sync.js';
import type { DeploymentControllerOptions, DeploymentDeps, DeploymentObject, ReplicaSetObject, RS } from './types.js';

const DEFAULT_WORKERS = 5;

export class DeploymentController implements Controller {
  readonly name = 'deployment';
  readonly queue: WorkQueue;
  private readonly deps: DeploymentDeps;
  private readonly inf: { d: Informer<DeploymentObject>; rs: Informer<ReplicaSetObject>; pods: Informer<PodObject> };

  constructor(private readonly ctx: ControllerContext, private readonly opts: DeploymentControllerOptions = {}) {
    this.queue = newControllerQueue(ctx, this.name);
    const f = ctx.informers;
    this.inf = { d: f.informerFor(DEPLOYMENTS), rs: f.informerFor(REPLICA_SETS), pods: f.informerFor(PODS) };
    this.deps = {
      client: ctx.client,
      clock: ctx.clock,
      recorder: ctx.recorder,
      deployments: this.inf.d.lister,
      replicaSets: this.inf.rs.lister,
      pods: this.inf.pods.lister,
      enqueueAfter: (d, ms) => this.queue.addAfter(keyOf(d), ms),
      enqueueRateLimited: (d) => this.queue.addRateLimited(keyOf(d)),
    };
    this.addHandlers();
  }

  /** One sync of a key; exposed for tests. */
  sync(key: string): Promise<void> {
    return syncDeployment(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [{ queue: this.queue, workers: this.opts.workers ?? DEFAULT_WORKERS, sync: (k) => this.sync(k) }]);
  }

  private addHandlers(): void {
    const enqueue = (d: Readonly<DeploymentObject>) => this.queue.add(keyOf(d));
    this.inf.d.addEventHandler({ onAdd: enqueue, onUpdate: (_o, c) => enqueue(c), onDelete: enqueue });
    this.inf.rs.addEventHandler({
      onAdd: (rs) => this.enqueueOwners(rs),
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        if (getControllerOf(old)?.uid !== getControllerOf(cur)?.uid) this.enqueueOwners(old);
        this.enqueueOwners(cur);
      },
      onDelete: (rs) => this.enqueueOwners(rs, false),
    });
    this.inf.pods.addEventHandler({ onDelete: (p) => this.podDeleted(p) });
  }

  private ownerOf(rs: RS): Readonly<DeploymentObject> | undefined {
    const ref = getControllerOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.deps.deployments.get(rs.metadata?.namespace ?? '', ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  private enqueueOwners(rs: RS, orphansToo = true): void {
    if (getControllerOf(rs)) {
      const d = this.ownerOf(rs);
      if (d) this.queue.add(keyOf(d));
      return;
    }
    if (!orphansToo) return;
    for (const d of this.deps.deployments.list(rs.metadata?.namespace ?? '')) {
      const sel = labelSelectorAsSelector(d.spec?.selector);
      if (!sel.isEverything() && sel.matches(rs.metadata?.labels)) this.queue.add(keyOf(d));
    }
  }

  private podDeleted(pod: Readonly<PodObject>): void {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const rs = this.deps.replicaSets.get(pod.metadata?.namespace ?? '', ref.name);
    const d = rs && this.ownerOf(rs);
    if (d?.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }
}

export function newDeploymentController(ctx: ControllerContext, opts?: DeploymentControllerOptions): DeploymentController {
  return new DeploymentController(ctx, opts);
}
