/**
 * Test support for the DaemonSet controller: a FakeClient behind a FakeClock, informer caches brought level with
 * the fake's state (`FakeInformerFactory.mirror`, handlers run synchronously), a FakeRecorder and a queue the test
 * inspects. `pass()` is one worker's sync.
 */
import type { DaemonSetSpec } from 'kubernetes-types/apps/v1.js';
import type { Taint } from 'kubernetes-types/core/v1.js';
import { FakeClient, refForObject } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { DAEMON_SETS, NODES, PODS } from '../../client/resources.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { SyncResult } from '../framework/index.js';
import { FakeInformerFactory, RecordingQueue } from '../../client/fake/index.js';
import { newDaemonSetController, type DaemonSetController } from './controller.js';
import { targetNodeName } from './pods.js';
import type { DaemonSetObject, NodeObject, PodObject } from './types.js';

export const NS = 'kube-system';
const LABELS = { app: 'agent' };

export function newDaemonSet(name: string, spec: Partial<DaemonSetSpec> = {}): DaemonSetObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name, namespace: NS, uid: `uid-${name}`, generation: 1 },
    spec: {
      selector: { matchLabels: LABELS }, revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'agent', image: 'agent:1' }] } },
      ...spec,
    },
  };
}

export function newNode(name: string, o: { labels?: Record<string, string>; taints?: Taint[] } = {}): NodeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: o.taints ? { taints: o.taints } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export class DaemonSetHarness {
  readonly clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  readonly client = new FakeClient({ now: () => this.clock.now() });
  readonly factory = new FakeInformerFactory();
  readonly recorder = new FakeRecorder();
  readonly queue = new RecordingQueue();
  readonly ctl: DaemonSetController;

  constructor(...objects: KubeObject[]) {
    for (const o of objects) this.client.tracker.create(refForObject(o), o.metadata?.namespace ?? '', structuredClone(o));
    this.ctl = newDaemonSetController({ client: this.client, informers: this.factory, clock: this.clock, recorder: this.recorder }, { queue: this.queue });
    this.factory.mirror(this.client);
  }

  async pass(name = 'agent'): Promise<SyncResult> {
    this.factory.mirror(this.client);
    const r = await this.ctl.sync(`${NS}/${name}`);
    this.factory.mirror(this.client);
    return r;
  }

  takeWrites(): string[] {
    const w = this.client.actions.filter((a) => !['get', 'list', 'watch'].includes(a.verb));
    this.client.clearActions();
    return w.map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''}`);
  }

  pods(): PodObject[] {
    return this.client.tracker.list(PODS, NS) as PodObject[];
  }

  /** Node name → images of the pods meant for it, sorted by node. */
  placement(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.pods()) (out[targetNodeName(p) ?? '?'] ??= []).push(p.spec?.containers[0]?.image ?? '');
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  ds(name = 'agent'): DaemonSetObject {
    return this.client.tracker.get(DAEMON_SETS, NS, name) as DaemonSetObject;
  }

  addNode(node: NodeObject): void {
    this.client.tracker.create(NODES, '', node);
    this.factory.mirror(this.client);
  }

  removeNode(name: string): void {
    this.client.tracker.delete(NODES, '', name);
    this.factory.mirror(this.client);
  }

  editNode(name: string, fn: (n: NodeObject) => void): void {
    const n = this.client.tracker.get(NODES, '', name) as NodeObject;
    fn(n);
    this.client.tracker.update(NODES, '', n);
    this.factory.mirror(this.client);
  }

  editDaemonSet(fn: (ds: DaemonSetObject) => void, name = 'agent'): void {
    const ds = this.ds(name);
    fn(ds);
    this.client.tracker.update(DAEMON_SETS, NS, ds);
  }

  /** The kubelet's part for every pod not yet running: Running and Ready now. */
  markReadyAll(): void {
    const now = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const pod of this.pods().filter((p) => p.status?.phase !== 'Running')) {
      Object.assign(pod, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } });
      this.client.tracker.update(PODS, NS, pod, 'status');
    }
  }

  setPhase(podName: string, phase: 'Failed'): void {
    const pod = this.client.tracker.get(PODS, NS, podName) as PodObject;
    Object.assign(pod, { status: { phase } });
    this.client.tracker.update(PODS, NS, pod, 'status');
  }
}
