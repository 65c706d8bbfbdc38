/**
 * The DaemonSet controller: wiring, handlers and the queue. Handlers only enqueue DaemonSet keys: a pod's event goes
 * to its controllerRef owner (observing expectations) or, for an orphan, to every set whose selector matches; a
 * node's arrival, departure or relevant change goes to every set whose placement on that node it may change.
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import { CONTROLLER_REVISIONS, DAEMON_SETS, NODES, PODS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import {
  ControllerExpectations, getControllerOf, newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult,
} from '../framework/index.js';
import { FailedPodsBackoff } from './backoff.js';
import { nodeShouldRunDaemonPod } from './predicates.js';
import { syncDaemonSet } from './sync.js';
import {
  CONTROLLER_NAME, DEFAULT_BURST_REPLICAS, DEFAULT_WORKERS, type D, type DaemonSetControllerOptions, type DaemonSetDeps,
  type DaemonSetObject, type N, type NodeObject, type P, type PodObject, type RevisionObject,
} from './types.js';

export type DaemonSetControllerContext = Pick<ControllerContext, 'client' | 'informers' | 'clock' | 'recorder'> &
  Partial<Pick<ControllerContext, 'logger' | 'queueMetrics'>>;

/** Only heartbeats and condition timestamps changed: no set's placement can differ (upstream's shouldIgnoreNodeUpdate). */
function onlyStatusNoise(old: N, cur: N): boolean {
  const conds = (n: N) => JSON.stringify((n.status?.conditions ?? []).map((c) => [c.type, c.status]));
  if (conds(old) !== conds(cur)) return false;
  const strip = (n: N) => JSON.stringify({ ...n, metadata: { ...n.metadata, resourceVersion: '' }, status: { ...n.status, conditions: [] } });
  return strip(old) === strip(cur);
}

export class DaemonSetController implements Controller {
  readonly name = CONTROLLER_NAME;
  readonly queue: WorkQueue;
  readonly expectations: ControllerExpectations;
  private readonly deps: DaemonSetDeps;

  constructor(private readonly ctx: DaemonSetControllerContext, private readonly opts: DaemonSetControllerOptions & { queue?: WorkQueue } = {}) {
    this.queue = opts.queue ?? newControllerQueue(ctx, CONTROLLER_NAME);
    this.expectations = new ControllerExpectations(ctx.clock);
    const sets = ctx.informers.informerFor<DaemonSetObject>(DAEMON_SETS);
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    const nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.deps = {
      client: ctx.client, clock: ctx.clock, recorder: ctx.recorder, expectations: this.expectations,
      backoff: new FailedPodsBackoff(ctx.clock), burstReplicas: opts.burstReplicas ?? DEFAULT_BURST_REPLICAS,
      sets: sets.lister, pods: pods.lister, nodes: nodes.lister,
      revisions: ctx.informers.informerFor<RevisionObject>(CONTROLLER_REVISIONS).lister,
      enqueueAfter: (key, ms) => this.queue.addAfter(key, ms),
    };
    this.addHandlers(sets, pods, nodes);
  }

  sync(key: string): Promise<SyncResult> {
    return syncDaemonSet(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? DEFAULT_WORKERS, sync: (key) => this.sync(key), errorMessage: 'Error syncing DaemonSet' },
    ]);
  }

  private addHandlers(sets: Informer<DaemonSetObject>, pods: Informer<PodObject>, nodes: Informer<NodeObject>): void {
    sets.addEventHandler({
      onAdd: (s) => this.queue.add(keyOf(s)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (s) => {
        this.expectations.deleteExpectations(keyOf(s));
        this.queue.add(keyOf(s));
      },
    });
    pods.addEventHandler({ onAdd: (p) => this.podAdded(p), onUpdate: (o, c) => this.podUpdated(o, c), onDelete: (p) => this.podDeleted(p) });
    nodes.addEventHandler({
      onAdd: (n) => this.enqueueWhere((ds) => nodeShouldRunDaemonPod(n, ds).shouldRun),
      onUpdate: (old, cur) => this.nodeUpdated(old, cur),
      onDelete: () => this.enqueueWhere(() => true),
    });
  }

  private enqueueWhere(pred: (ds: D) => boolean): void {
    for (const ds of this.deps.sets.list()) if (pred(ds)) this.queue.add(keyOf(ds));
  }

  private nodeUpdated(old: N, cur: N): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion || onlyStatusNoise(old, cur)) return;
    this.enqueueWhere((ds) => {
      const [a, b] = [nodeShouldRunDaemonPod(old, ds), nodeShouldRunDaemonPod(cur, ds)];
      return a.shouldRun !== b.shouldRun || a.shouldContinueRunning !== b.shouldContinueRunning;
    });
  }

  private ownerOf(p: P, ref = getControllerOf(p)): D | undefined {
    if (!ref || ref.kind !== 'DaemonSet') return undefined;
    const ds = this.deps.sets.get(p.metadata?.namespace ?? '', ref.name);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  private enqueueMatching(p: P): void {
    for (const ds of this.deps.sets.list(p.metadata?.namespace ?? '')) {
      try {
        if (labelSelectorAsSelector(ds.spec?.selector).matches(p.metadata?.labels)) this.queue.add(keyOf(ds));
      } catch {
        // an invalid selector adopts nothing
      }
    }
  }

  private podAdded(p: P): void {
    if (p.metadata?.deletionTimestamp) return this.podDeleted(p);
    if (!getControllerOf(p)) return this.enqueueMatching(p);
    const ds = this.ownerOf(p);
    if (!ds) return;
    this.expectations.creationObserved(keyOf(ds));
    this.queue.add(keyOf(ds));
  }

  private podUpdated(old: P, cur: P): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    if (cur.metadata?.deletionTimestamp) return this.podDeleted(cur);
    const oldRef = getControllerOf(old);
    const curRef = getControllerOf(cur);
    if (oldRef && oldRef.uid !== curRef?.uid) {
      const prev = this.ownerOf(old, oldRef);
      if (prev) this.queue.add(keyOf(prev));
    }
    if (!curRef) return this.enqueueMatching(cur);
    const ds = this.ownerOf(cur, curRef);
    if (ds) this.queue.add(keyOf(ds));
  }

  private podDeleted(p: P): void {
    const ds = this.ownerOf(p);
    if (!ds) return;
    this.expectations.deletionObserved(keyOf(ds));
    this.queue.add(keyOf(ds));
  }
}

export function newDaemonSetController(ctx: DaemonSetControllerContext, opts?: DaemonSetControllerOptions & { queue?: WorkQueue }): DaemonSetController {
  return new DaemonSetController(ctx, opts);
}
