/**
 * Test fixtures for the replicaset and deployment controllers: a FakeClient, a real informer factory whose caches
 * the tests seed directly (never started), a FakeClock and an event recorder that keeps `type reason message`.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject, ResourceRef } from '../../client/interface.js';
import { createSharedInformerFactory, type InformerFactory } from '../../client/informer/factory.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { ControllerContext } from '../framework/index.js';
import { nopLogger } from '../../machinery/log/logger.js';
import type { PodObject } from './pod-status.js';

export class RecordingRecorder implements EventRecorder {
  readonly events: string[] = [];
  event(_obj: Readonly<KubeObject>, type: string, reason: string, message: string): void {
    this.events.push(`${type} ${reason} ${message}`);
  }
}

export interface Harness {
  client: FakeClient;
  informers: InformerFactory;
  clock: FakeClock;
  recorder: RecordingRecorder;
  ctx: ControllerContext;
  /** Puts objects in the informer cache (handlers run) and in the fake client's tracker. */
  seed(ref: ResourceRef, ...objs: KubeObject[]): void;
  /** Puts objects in the informer cache only (as an informer that has seen them). */
  cache(ref: ResourceRef, ...objs: KubeObject[]): void;
}

export function newHarness(start = new Date('2026-01-01T00:00:00Z')): Harness {
  const clock = new FakeClock(start);
  const client = new FakeClient({ now: () => clock.now() });
  const informers = createSharedInformerFactory(client, { clock });
  const recorder = new RecordingRecorder();
  const cache = (ref: ResourceRef, ...objs: KubeObject[]): void => {
    for (const o of objs) informers.informerFor(ref).apply('ADDED', structuredClone(o));
  };
  return {
    client,
    informers,
    clock,
    recorder,
    ctx: { client, informers, clock, recorder, logger: nopLogger },
    cache,
    seed(ref, ...objs) {
      for (const o of objs) {
        const stored = client.tracker.create(ref, o.metadata?.namespace ?? '', structuredClone(o));
        cache(ref, stored);
      }
    },
  };
}

export const T0 = '2026-01-01T00:00:00Z';

export function newReplicaSet(name: string, replicas: number, labels: Record<string, string> = { app: 'web' }): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1, creationTimestamp: T0 },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'nginx' }] } },
    },
    status: { replicas: 0 },
  };
}

export interface PodShape {
  node?: string;
  phase?: 'Pending' | 'Running' | 'Unknown' | 'Succeeded' | 'Failed';
  ready?: boolean;
  readySince?: string;
  created?: string;
  owner?: Readonly<KubeObject> & { kind?: string };
  labels?: Record<string, string>;
  restarts?: number;
  deleting?: boolean;
}

export function newPod(name: string, s: PodShape = {}): PodObject {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: s.labels ?? { app: 'web' }, creationTimestamp: s.created ?? T0, resourceVersion: '1' },
    spec: { containers: [{ name: 'main', image: 'nginx' }], ...(s.node ? { nodeName: s.node } : {}) },
    status: {
      phase: s.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: s.ready === false ? 'False' : 'True', lastTransitionTime: s.readySince ?? T0 }],
      containerStatuses: [{ name: 'main', image: 'nginx', imageID: '', ready: s.ready !== false, restartCount: s.restarts ?? 0 }],
    },
  };
  if (s.owner) {
    const o = s.owner;
    pod.metadata!.ownerReferences = [
      { apiVersion: o.apiVersion ?? 'apps/v1', kind: o.kind ?? 'ReplicaSet', name: o.metadata?.name ?? '', uid: String(o.metadata?.uid), controller: true, blockOwnerDeletion: true },
    ];
  }
  if (s.deleting) (pod.metadata as { deletionTimestamp?: string }).deletionTimestamp = T0;
  return pod as PodObject;
}
