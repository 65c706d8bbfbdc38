/**
 * The ReplicaSet controller (and, with the ReplicationController adapter, the replication manager): wiring, event
 * handlers and the queue. Handlers only enqueue owner keys: a pod's event goes to its controllerRef owner, or for an
 * orphan to every owner whose selector matches it (one of them may adopt it).
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { PODS } from '../../client/resources.js';
import {
  getControllerOf, newControllerQueue, runController, UIDTrackingControllerExpectations, type Controller, type ControllerContext,
} from '../framework/index.js';
import { isPodReady, podKey, type PodObject } from './pod-status.js';
import { syncReplicaOwner } from './sync.js';
import { REPLICA_SET_ADAPTER, REPLICATION_CONTROLLER_ADAPTER, type ReplicaOwner } from './adapter.js';
import { DEFAULT_BURST_REPLICAS, DEFAULT_WORKERS, type ReplicaDeps, type ReplicaSetControllerOptions } from './types.js';

type P = Readonly<PodObject>;

export class ReplicaSetController implements Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  readonly expectations: UIDTrackingControllerExpectations;
  private readonly deps: ReplicaDeps;
  private readonly informers: { owners: Informer<ReplicaOwner>; pods: Informer<PodObject> };

  constructor(private readonly ctx: ControllerContext, private readonly opts: ReplicaSetControllerOptions = {}) {
    const adapter = opts.kind === 'ReplicationController' ? REPLICATION_CONTROLLER_ADAPTER : REPLICA_SET_ADAPTER;
    this.name = adapter.name;
    this.queue = newControllerQueue(ctx, adapter.name);
    this.expectations = new UIDTrackingControllerExpectations(ctx.clock);
    this.informers = { owners: ctx.informers.informerFor<ReplicaOwner>(adapter.ref), pods: ctx.informers.informerFor<PodObject>(PODS) };
    this.deps = {
      adapter,
      client: ctx.client,
      clock: ctx.clock,
      recorder: ctx.recorder,
      expectations: this.expectations,
      burstReplicas: opts.burstReplicas ?? DEFAULT_BURST_REPLICAS,
      owners: this.informers.owners.lister,
      pods: this.informers.pods.lister,
      enqueueAfter: (key, ms) => this.queue.addAfter(key, ms),
    };
    this.addHandlers();
  }

  /** One sync of a key; exposed for tests (workers call it through the queue). */
  sync(key: string): Promise<void> {
    return syncReplicaOwner(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [{ queue: this.queue, workers: this.opts.workers ?? DEFAULT_WORKERS, sync: (k) => this.sync(k) }]);
  }

  private addHandlers(): void {
    this.informers.owners.addEventHandler({
      onAdd: (o) => this.queue.add(keyOf(o)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (o) => {
        this.expectations.deleteExpectations(keyOf(o));
        this.queue.add(keyOf(o));
      },
    });
    this.informers.pods.addEventHandler({
      onAdd: (p) => this.addPod(p),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (p) => this.deletePod(p),
    });
  }

  /** The owner a controllerRef points at, when it is of our kind and the uid matches the cached one. */
  private resolveOwner(pod: P, ref = getControllerOf(pod)): Readonly<ReplicaOwner> | undefined {
    if (!ref || ref.kind !== this.deps.adapter.kind) return undefined;
    const o = this.deps.owners.get(pod.metadata?.namespace ?? '', ref.name);
    return o?.metadata?.uid === ref.uid ? o : undefined;
  }

  /** Owners whose selector matches an orphan. */
  private matchingOwners(pod: P): Readonly<ReplicaOwner>[] {
    return this.deps.owners.list(pod.metadata?.namespace ?? '').filter((o) => {
      try {
        return this.deps.adapter.selector(o).matches(pod.metadata?.labels);
      } catch {
        return false;
      }
    });
  }

  private addPod(pod: P): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    if (getControllerOf(pod)) {
      const o = this.resolveOwner(pod);
      if (!o) return;
      this.expectations.creationObserved(keyOf(o));
      this.queue.add(keyOf(o));
      return;
    }
    for (const o of this.matchingOwners(pod)) this.queue.add(keyOf(o));
  }

  private updatePod(old: P, cur: P): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion: count the pod gone now, so a replacement is created without waiting for the grace period.
      this.deletePod(cur);
      if (labelsChanged) this.deletePod(old);
      return;
    }
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    const refChanged = oldRef?.uid !== curRef?.uid;
    if (refChanged && oldRef) {
      const o = this.resolveOwner(old, oldRef);
      if (o) this.queue.add(keyOf(o));
    }
    if (curRef) return this.updateOwnedPod(old, cur);
    if (labelsChanged || refChanged) for (const o of this.matchingOwners(cur)) this.queue.add(keyOf(o));
  }

  private updateOwnedPod(old: P, cur: P): void {
    const o = this.resolveOwner(cur);
    if (!o) return;
    this.queue.add(keyOf(o));
    const minReady = o.spec?.minReadySeconds ?? 0;
    // A pod that just became ready becomes available minReadySeconds later: look again then.
    if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.queue.addAfter(keyOf(o), minReady * 1000 + 1000);
  }

  private deletePod(pod: P): void {
    const o = this.resolveOwner(pod);
    if (!o) return;
    this.expectations.deletionObservedOf(keyOf(o), podKey(pod));
    this.queue.add(keyOf(o));
  }
}

/** The ReplicaSet controller (or the replication manager with `kind: 'ReplicationController'`). */
export function newReplicaSetController(ctx: ControllerContext, opts?: ReplicaSetControllerOptions): ReplicaSetController {
  return new ReplicaSetController(ctx, opts);
}
