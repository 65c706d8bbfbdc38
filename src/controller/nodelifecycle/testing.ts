/** Fixtures and a small cluster for the node lifecycle tests: FakeClient + FakeClock + caches mirrored by hand. */
import type { Toleration } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import { LEASES, NODES, PODS } from '../../client/resources.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { nopLogger } from '../../machinery/log/logger.js';
import { FakeInformerFactory, RecordingQueue } from '../../client/fake/index.js';
import { newNodeLifecycleController, type NodeLifecycleController, type NodeLifecycleOptions } from './controller.js';
import { NODE_LEASE_NAMESPACE, timeString, type LeaseObject, type NodeObject, type PodObject } from './types.js';

export const T0 = new Date('2026-01-01T00:00:00Z');

export function node(name: string, ready: 'True' | 'False' | 'Unknown' | undefined, heartbeat = T0): NodeObject {
  const conditions = ready === undefined ? [] : [{ type: 'Ready', status: ready, reason: 'KubeletReady', lastHeartbeatTime: timeString(heartbeat), lastTransitionTime: timeString(T0) }];
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {}, status: { conditions } };
}

export function lease(name: string, renew: Date): LeaseObject {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: NODE_LEASE_NAMESPACE },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: renew.toISOString().replace('Z', '000Z') },
  };
}

export function pod(name: string, nodeName: string, tolerations: Toleration[] = []): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { nodeName, containers: [{ name: 'c', image: 'i' }], tolerations },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export class NodeCluster {
  readonly clock = new FakeClock(T0);
  readonly client = new FakeClient({ now: () => this.clock.now() });
  readonly recorder = new FakeRecorder();
  readonly factory = new FakeInformerFactory();
  readonly ctl: NodeLifecycleController;

  constructor(objects: (NodeObject | LeaseObject | PodObject)[], opts: NodeLifecycleOptions = {}) {
    for (const o of objects) this.client.tracker.create(refOf(o), o.metadata?.namespace ?? '', structuredClone(o));
    const ctx = { client: this.client, informers: this.factory, clock: this.clock, recorder: this.recorder, logger: nopLogger };
    this.ctl = newNodeLifecycleController(ctx, { nodeQueue: new RecordingQueue(), podQueue: new RecordingQueue(), ...opts });
    this.factory.mirror(this.client);
  }

  /** The kubelet renews its lease now. */
  renew(name: string): void {
    const l = this.client.tracker.get(LEASES, NODE_LEASE_NAMESPACE, name) as LeaseObject;
    const renewed: LeaseObject = { ...l, spec: { ...l.spec, renewTime: lease(name, this.clock.now()).spec!.renewTime } };
    this.client.tracker.update(LEASES, NODE_LEASE_NAMESPACE, renewed);
    this.factory.mirror(this.client);
  }

  /** The kubelet posts Ready with a fresh heartbeat. */
  postReady(name: string, status: 'True' | 'False'): void {
    const n = this.node(name);
    const ready = { type: 'Ready', status, reason: 'KubeletReady', lastHeartbeatTime: timeString(this.clock.now()), lastTransitionTime: timeString(this.clock.now()) };
    const conditions = (n.status?.conditions ?? []).filter((c) => c.type !== 'Ready').concat([ready]);
    const posted: NodeObject = { ...n, status: { ...n.status, conditions } };
    this.client.tracker.update(NODES, '', posted, 'status');
    this.factory.mirror(this.client);
  }

  node(name: string): NodeObject {
    return this.client.tracker.get(NODES, '', name) as NodeObject;
  }

  async monitor(): Promise<void> {
    await this.ctl.monitorNodeHealth();
    this.factory.mirror(this.client);
  }

  /** Steps the clock, then one monitor pass. */
  async after(ms: number): Promise<void> {
    this.clock.step(ms);
    await this.monitor();
  }
}

const refOf = (o: { kind?: string }) => (o.kind === 'Node' ? NODES : o.kind === 'Lease' ? LEASES : PODS);
