import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClient } from '../../client/fake/index.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../client/interface.js';
import { PDBS, PODS } from '../../client/resources.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { nopLogger } from '../../machinery/log/logger.js';
import { FakeInformerFactory, RecordingQueue } from '../../client/fake/index.js';
import { newDisruptionController } from './controller.js';
import type { PdbObject } from './types.js';

const NS = 'default';
const NOW = new Date('2026-01-01T00:10:00Z');

function pdb(spec: { minAvailable?: number | string; maxUnavailable?: number | string }, disrupted?: Record<string, string>): PdbObject {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'budget', namespace: NS, generation: 3 },
    spec: { ...spec, selector: { matchLabels: { app: 'web' } } },
    ...(disrupted ? { status: { disruptedPods: disrupted, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 } } : {}),
  };
}

const owner = (kind: string, name: string, apiVersion = 'apps/v1') => ({ apiVersion, kind, name, uid: `uid-${name}`, controller: true });

function workload(kind: string, name: string, replicas: number, ownedBy?: ReturnType<typeof owner>, apiVersion = 'apps/v1'): KubeObject & { spec: { replicas: number } } {
  return { apiVersion, kind, metadata: { name, namespace: NS, uid: `uid-${name}`, ...(ownedBy ? { ownerReferences: [ownedBy] } : {}) }, spec: { replicas } };
}

function pods(n: number, ready: number, ownedBy?: ReturnType<typeof owner>, extra: { deleting?: number[]; prefix?: string } = {}): Pod[] {
  return Array.from({ length: n }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${extra.prefix ?? 'p'}${i}`,
      namespace: NS,
      labels: { app: 'web' },
      ...(ownedBy ? { ownerReferences: [ownedBy] } : {}),
      ...(extra.deleting?.includes(i) ? { deletionTimestamp: '2026-01-01T00:09:00Z', finalizers: ['hold'] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: i < ready ? 'True' : 'False' }] },
  }));
}

const other: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'db', namespace: NS, labels: { app: 'db' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } };

type Want = [expected: number, desired: number, current: number, allowed: number, reason: string];

const cases: { name: string; objects: KubeObject[]; want: Want }[] = [
  { name: 'minAvailable 2 of 3 unmanaged ready pods', objects: [pdb({ minAvailable: 2 }), ...pods(3, 3), other], want: [3, 2, 3, 1, 'SufficientPods'] },
  {
    name: 'minAvailable 50% of a Deployment of 4 (through its ReplicaSet), 3 ready',
    objects: [pdb({ minAvailable: '50%' }), workload('Deployment', 'web', 4), workload('ReplicaSet', 'web-1', 4, owner('Deployment', 'web')), ...pods(4, 3, owner('ReplicaSet', 'web-1'))],
    want: [4, 2, 3, 1, 'SufficientPods'],
  },
  {
    name: 'maxUnavailable 30% of a ReplicaSet of 5 rounds up to 2',
    objects: [pdb({ maxUnavailable: '30%' }), workload('ReplicaSet', 'rs', 5), ...pods(5, 5, owner('ReplicaSet', 'rs'))],
    want: [5, 3, 5, 2, 'SufficientPods'],
  },
  {
    name: 'maxUnavailable 1 of a StatefulSet of 3 with one not ready: none allowed',
    objects: [pdb({ maxUnavailable: 1 }), workload('StatefulSet', 'ss', 3), ...pods(3, 2, owner('StatefulSet', 'ss'))],
    want: [3, 2, 2, 0, 'InsufficientPods'],
  },
  {
    name: 'the scale counts, not the pods: a ReplicationController of 6 with 2 pods',
    objects: [pdb({ maxUnavailable: 2 }), workload('ReplicationController', 'rc', 6, undefined, 'v1'), ...pods(2, 2, owner('ReplicationController', 'rc', 'v1'))],
    want: [6, 4, 2, 0, 'InsufficientPods'],
  },
  {
    name: 'pods being deleted and recently evicted ones are not healthy',
    objects: [pdb({ minAvailable: 1 }, { p1: '2026-01-01T00:09:30Z', p2: '2026-01-01T00:01:00Z' }), ...pods(4, 4, undefined, { deleting: [0] })],
    want: [4, 1, 2, 1, 'SufficientPods'],
  },
  { name: 'no pods: nothing allowed', objects: [pdb({ minAvailable: 0 })], want: [0, 0, 0, 0, 'InsufficientPods'] },
];

function setup(objects: KubeObject[]) {
  const clock = new FakeClock(NOW);
  const client = new FakeClient({ objects, now: () => clock.now() });
  const factory = new FakeInformerFactory();
  const recorder = new FakeRecorder();
  const queue = new RecordingQueue();
  const ctl = newDisruptionController({ client, informers: factory, clock, recorder, logger: nopLogger }, { queue });
  factory.mirror(client);
  return { client, factory, recorder, queue, ctl, clock };
}

const stored = (client: FakeClient) => (client.tracker.get(PDBS, NS, 'budget') as PdbObject).status;

for (const c of cases) {
  test(`disruption status: ${c.name}`, async () => {
    const h = setup(c.objects);
    await h.ctl.sync(`${NS}/budget`);
    const s = stored(h.client)!;
    const cond = s.conditions?.find((x) => x.type === 'DisruptionAllowed');
    assert.deepEqual([s.expectedPods, s.desiredHealthy, s.currentHealthy, s.disruptionsAllowed, cond?.reason], c.want);
    assert.equal(cond?.status, c.want[3] > 0 ? 'True' : 'False');
    assert.equal(s.observedGeneration, 3);
  });
}

test('disruption: an eviction record expires after 2 minutes (the sync asks to look again then) and is dropped', async () => {
  const h = setup([pdb({ minAvailable: 1 }, { p1: '2026-01-01T00:09:30Z', p2: '2026-01-01T00:01:00Z' }), ...pods(3, 3)]);
  assert.deepEqual(await h.ctl.sync(`${NS}/budget`), { requeueAfter: 90_000 });
  assert.deepEqual(stored(h.client)?.disruptedPods, { p1: '2026-01-01T00:09:30Z' });
  h.factory.mirror(h.client);
  h.clock.step(90_001);
  assert.equal(await h.ctl.sync(`${NS}/budget`), undefined);
  assert.equal(stored(h.client)?.disruptedPods, undefined);
  assert.equal(stored(h.client)?.currentHealthy, 3);
});

test('disruption: status is written once, pods queue their budget, others do not', async () => {
  const h = setup([pdb({ minAvailable: 1 }), ...pods(2, 2), other]);
  assert.deepEqual([...h.queue.pending], [`${NS}/budget`]);
  await h.ctl.sync(h.queue.take()!);
  h.factory.mirror(h.client);
  await h.ctl.sync(`${NS}/budget`);
  assert.equal(h.client.actionsOf('update', 'poddisruptionbudgets').length, 1);
  h.queue.added.length = 0;
  h.client.tracker.delete(PODS, NS, 'db');
  h.factory.mirror(h.client);
  assert.deepEqual(h.queue.added, [], 'a pod the selector does not match queues nothing');
  h.client.tracker.delete(PODS, NS, 'p0');
  h.factory.mirror(h.client);
  assert.deepEqual(h.queue.added, [`${NS}/budget`]);
});

test('disruption: a managed pod whose controller is unknown fails safe with SyncFailed', async () => {
  const h = setup([pdb({ maxUnavailable: 1 }), ...pods(2, 2, owner('ReplicaSet', 'missing'))]);
  await assert.rejects(h.ctl.sync(`${NS}/budget`), /found no controllers for pod "p0"/);
  const s = stored(h.client)!;
  assert.equal(s.disruptionsAllowed, 0);
  assert.deepEqual(s.conditions?.map((c) => [c.type, c.status, c.reason]), [['DisruptionAllowed', 'False', 'SyncFailed']]);
  assert.ok(h.recorder.events.some((e) => e.startsWith('Warning CalculateExpectedPodCountFailed')));
});

test('disruption: no matching pods records NoPods; unmanaged pods with a percentage record UnmanagedPods', async () => {
  const a = setup([pdb({ minAvailable: 1 })]);
  await a.ctl.sync(`${NS}/budget`);
  assert.deepEqual(a.recorder.events, ['Normal NoPods No matching pods found']);
  const b = setup([pdb({ maxUnavailable: '50%' }), ...pods(2, 2)]);
  await b.ctl.sync(`${NS}/budget`);
  assert.ok(b.recorder.events[0]?.startsWith('Normal UnmanagedPods Pods selected by this PodDisruptionBudget (selector: app=web)'));
  assert.deepEqual([stored(b.client)?.expectedPods, stored(b.client)?.disruptionsAllowed], [0, 0]);
});
