/**
 * The node lifecycle controller (upstream's nodelifecycle.Controller). Every monitor period (5 s) it looks at each
 * node's health — the node Lease in kube-node-lease and the Ready heartbeat (health.ts) — and for each node:
 *  1. a node silent past the grace period gets its conditions set Unknown (status subresource);
 *  2. a node that just stopped being Ready gets a NodeNotReady event and its pods are marked not Ready;
 *  3. the condition taints (not-ready / unreachable with NoSchedule and NoExecute …) follow the conditions.
 * Node events queue the node too, so a kubelet reporting Ready=False is tainted at once. The NoExecute taint
 * manager (taint-manager.ts) runs on its own pod-keyed queue.
 * Not modelled: zone states and eviction rate limits (--node-eviction-rate, large-cluster and full-disruption modes).
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import { sleep } from '../../client/leaderelection/sleep.js';
import { LEASES, NODES, PODS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { newControllerQueue, runController, type Controller, type ControllerContext, type SyncResult } from '../framework/index.js';
import { NodeHealthTracker, unknownConditions, type HealthOptions } from './health.js';
import { markPodsNotReady } from './pods.js';
import { noExecuteTaints, reconcileTaints } from './taints.js';
import { TaintManager } from './taint-manager.js';
import { EVENT_NODE_NOT_READY, EVENT_REGISTERED_NODE, EVENT_REMOVING_NODE, nodeCondition, NODE_LEASE_NAMESPACE, NODE_MONITOR_PERIOD_MS } from './types.js';
import type { LeaseObject, NodeObject, PodObject } from './types.js';

export const POD_NODE_INDEX = 'nodelifecycle/spec.nodeName';

export interface NodeLifecycleOptions extends HealthOptions {
  monitorPeriodMs?: number;
  workers?: number;
  nodeQueue?: WorkQueue;
  podQueue?: WorkQueue;
}

export class NodeLifecycleController implements Controller {
  readonly name = 'nodelifecycle';
  readonly nodeQueue: WorkQueue;
  readonly podQueue: WorkQueue;
  readonly taintManager: TaintManager;
  private readonly nodes: Informer<NodeObject>;
  private readonly leases: Informer<LeaseObject>;
  private readonly pods: Informer<PodObject>;
  private readonly health: NodeHealthTracker;
  /** Nodes whose pods still have to be marked not ready after a failed attempt (upstream's nodesToRetry). */
  private readonly podsToMark = new Set<string>();

  constructor(private readonly ctx: ControllerContext, private readonly opts: NodeLifecycleOptions = {}) {
    this.nodeQueue = opts.nodeQueue ?? newControllerQueue(ctx, 'node_lifecycle_controller');
    this.podQueue = opts.podQueue ?? newControllerQueue(ctx, 'noexec_taint_pod');
    this.health = new NodeHealthTracker(opts);
    this.nodes = ctx.informers.informerFor<NodeObject>(NODES);
    this.leases = ctx.informers.informerFor<LeaseObject>(LEASES);
    this.pods = ctx.informers.informerFor<PodObject>(PODS);
    this.pods.addIndexer(POD_NODE_INDEX, (p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
    this.taintManager = new TaintManager({ ...ctx, nodes: this.nodes.lister, pods: this.pods.lister });
    this.watch();
  }

  private watch(): void {
    this.nodes.addEventHandler({
      onAdd: (n) => this.nodeQueue.add(keyOf(n)),
      onUpdate: (old, cur) => {
        this.nodeQueue.add(keyOf(cur));
        if (JSON.stringify(noExecuteTaints(old)) !== JSON.stringify(noExecuteTaints(cur))) this.queuePodsOn(keyOf(cur));
      },
      onDelete: (n) => this.nodeQueue.add(keyOf(n)),
    });
    const onPod = (p: Readonly<PodObject>): void => {
      if (p.spec?.nodeName && noExecuteTaints(this.nodes.lister.get('', p.spec.nodeName)).length > 0) this.podQueue.add(keyOf(p));
    };
    this.pods.addEventHandler({ onAdd: onPod, onUpdate: (_, cur) => onPod(cur), onDelete: (p) => this.taintManager.forget(keyOf(p)) });
  }

  private queuePodsOn(nodeName: string): void {
    for (const p of this.pods.lister.byIndex(POD_NODE_INDEX, nodeName)) this.podQueue.add(keyOf(p));
  }

  /** One monitor pass over every node (exposed for tests; `run` queues the nodes instead). */
  async monitorNodeHealth(): Promise<void> {
    for (const n of this.nodes.lister.list()) await this.syncNode(keyOf(n));
  }

  /** Health, pods and taints of one node. */
  async syncNode(name: string): Promise<SyncResult> {
    const cached = this.nodes.lister.get('', name);
    if (!cached) {
      if (this.health.known(name)) this.ctx.recorder.event(nodeRef(name), 'Normal', EVENT_REMOVING_NODE, `Node ${name} event: Removing Node ${name} from Controller`);
      this.health.forget(name);
      this.podsToMark.delete(name);
      return undefined;
    }
    if (!this.health.known(name)) this.ctx.recorder.event(nodeRef(name), 'Normal', EVENT_REGISTERED_NODE, `Node ${name} event: Registered Node ${name} in Controller`);
    const observed = nodeCondition(cached, 'Ready')?.status;
    const node = await this.updateHealth(cached);
    const current = nodeCondition(node, 'Ready')?.status;
    if (observed === 'True' && current !== 'True') {
      this.ctx.recorder.event(nodeRef(name), 'Normal', EVENT_NODE_NOT_READY, `Node ${name} status is now: ${EVENT_NODE_NOT_READY}`);
      this.podsToMark.add(name);
    }
    if (current === 'True') this.podsToMark.delete(name);
    if (this.podsToMark.has(name)) await this.markPods(name);
    await this.updateTaints(node);
    return undefined;
  }

  private async updateHealth(cached: Readonly<NodeObject>): Promise<Readonly<NodeObject>> {
    const now = this.ctx.clock.now();
    const lease = this.leases.lister.get(NODE_LEASE_NAMESPACE, cached.metadata?.name ?? '');
    if (!this.health.observe(cached, lease, now.getTime())) return cached;
    const conditions = unknownConditions(cached, now);
    if (!conditions) return cached;
    const next: NodeObject = { ...structuredClone(cached), status: { ...structuredClone(cached.status), conditions } };
    const written = await this.ctx.client.update<NodeObject>(NODES, '', next, { subresource: 'status' });
    this.health.wrote(written);
    return written;
  }

  private async markPods(name: string): Promise<void> {
    const pods = this.pods.lister.byIndex(POD_NODE_INDEX, name);
    await markPodsNotReady(this.ctx.client, this.ctx.recorder, pods, name, this.ctx.clock.now());
    this.podsToMark.delete(name);
  }

  private async updateTaints(node: Readonly<NodeObject>): Promise<void> {
    const taints = reconcileTaints(node, this.ctx.clock.now());
    if (!taints) return;
    const { taints: _old, ...spec } = structuredClone(node.spec) ?? {};
    const next: NodeObject = { ...structuredClone(node), spec: taints.length > 0 ? { ...spec, taints } : spec };
    await this.ctx.client.update<NodeObject>(NODES, '', next);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(
      this.ctx,
      signal,
      [
        { queue: this.nodeQueue, workers: this.opts.workers ?? 1, sync: (k) => this.syncNode(k), errorMessage: 'Error syncing' },
        { queue: this.podQueue, workers: this.opts.workers ?? 8, sync: (k) => this.taintManager.sync(k), errorMessage: 'Error syncing' },
      ],
      [(s) => this.monitorLoop(s)],
    );
  }

  private async monitorLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      for (const n of this.nodes.lister.list()) this.nodeQueue.add(keyOf(n));
      await sleep(this.ctx.clock, this.opts.monitorPeriodMs ?? NODE_MONITOR_PERIOD_MS, signal);
    }
  }
}

/** Node events are recorded against a reference whose uid is the node name, as upstream's RecordNodeEvent. */
const nodeRef = (name: string): NodeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } });

export function newNodeLifecycleController(ctx: ControllerContext, opts?: NodeLifecycleOptions): NodeLifecycleController {
  return new NodeLifecycleController(ctx, opts);
}
