/**
 * Test support for the StatefulSet controller: a FakeClient (recording actions) behind a FakeClock, informer
 * caches the test brings level with the fake's state (`FakeInformerFactory.mirror`), and a FakeRecorder. No
 * workers and no timers: a test calls `pass()` where a worker would sync.
 */
import type { StatefulSetSpec } from 'kubernetes-types/apps/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { PODS, PVCS, STATEFUL_SETS } from '../../client/resources.js';
import { FakeRecorder } from '../../client/record/fake.js';
import type { SyncResult } from '../framework/index.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeInformerFactory, RecordingQueue } from '../../client/fake/index.js';
import { newStatefulSetController, type StatefulSetController } from './controller.js';
import type { ClaimObject, PodObject, StatefulSetObject } from './types.js';

export const NS = 'default';
export const LABELS = { app: 'nginx' };

/** A set as the API server stores it after defaulting. */
export function newSet(name: string, replicas: number, spec: Partial<StatefulSetSpec> = {}): StatefulSetObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: NS, uid: `uid-${name}`, generation: 1 },
    spec: {
      replicas, serviceName: 'nginx', podManagementPolicy: 'OrderedReady', revisionHistoryLimit: 10,
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      selector: { matchLabels: LABELS },
      template: { metadata: { labels: LABELS }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      ...spec,
    },
  };
}

export const WWW_CLAIM = { metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

export class StatefulSetHarness {
  readonly clock = new FakeClock(new Date('2026-01-01T00:00:00Z'));
  readonly client = new FakeClient({ now: () => this.clock.now() });
  readonly factory = new FakeInformerFactory();
  readonly recorder = new FakeRecorder();
  readonly queue = new RecordingQueue();
  readonly ctl: StatefulSetController;

  constructor(...objects: KubeObject[]) {
    for (const o of objects) this.client.tracker.create(o.kind === 'Pod' ? PODS : STATEFUL_SETS, NS, structuredClone(o));
    this.ctl = newStatefulSetController({ client: this.client, informers: this.factory, clock: this.clock, recorder: this.recorder }, { queue: this.queue });
    this.factory.mirror(this.client);
  }

  /** One sync of the set, with the caches caught up before and after (as the watch would). */
  async pass(name = 'web'): Promise<SyncResult> {
    this.factory.mirror(this.client);
    const r = await this.ctl.sync(`${NS}/${name}`);
    this.factory.mirror(this.client);
    return r;
  }

  /** The writes since the last call, as `verb resource name`. */
  takeWrites(): string[] {
    const w = this.client.actions.filter((a) => !['get', 'list', 'watch'].includes(a.verb));
    this.client.clearActions();
    return w.map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name ?? a.object?.metadata?.name ?? ''}`);
  }

  pods(): PodObject[] {
    return this.client.tracker.list(PODS, NS) as PodObject[];
  }

  podNames(): string[] {
    return this.pods().map((p) => p.metadata?.name ?? '').sort();
  }

  claims(): ClaimObject[] {
    return this.client.tracker.list(PVCS, NS) as ClaimObject[];
  }

  set(name = 'web'): StatefulSetObject {
    return this.client.tracker.get(STATEFUL_SETS, NS, name) as StatefulSetObject;
  }

  /** The kubelet's part: the pod is Running and Ready since now. */
  markReady(...names: string[]): void {
    const now = this.clock.now().toISOString().replace(/\.\d+Z$/, 'Z');
    for (const name of names) {
      const pod = this.client.tracker.get(PODS, NS, name) as PodObject;
      Object.assign(pod, { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }] } });
      this.client.tracker.update(PODS, NS, pod, 'status');
    }
  }

  markReadyAll(): void {
    this.markReady(...this.pods().filter((p) => p.status?.phase !== 'Running').map((p) => p.metadata?.name ?? ''));
  }

  setPhase(name: string, phase: 'Failed' | 'Succeeded'): void {
    const pod = this.client.tracker.get(PODS, NS, name) as PodObject;
    Object.assign(pod, { status: { phase } });
    this.client.tracker.update(PODS, NS, pod, 'status');
  }

  /** A user's edit of the set's spec (the tracker bumps generation). */
  editSet(fn: (s: StatefulSetObject) => void, name = 'web'): void {
    const s = this.set(name);
    fn(s);
    this.client.tracker.update(STATEFUL_SETS, NS, s);
  }

  /** Syncs, marking every pod ready after each pass, until a pass writes nothing. */
  async settleReady(name = 'web', max = 30): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.pass(name);
      this.markReadyAll();
      if (this.takeWrites().length === 0) return;
    }
    throw new Error(`${name} did not settle in ${max} passes`);
  }
}
