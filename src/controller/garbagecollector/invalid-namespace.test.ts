import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import { FakeClient, FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import type { KubeObject, ResourceRef } from '../../client/interface.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { DEPLOYMENTS, NODES, PODS, REPLICA_SETS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newGarbageCollector } from './controller.js';
import { GraphBuilder } from './graph-builder.js';

const KIND: Record<string, { apiVersion: string; kind: string; ref: ResourceRef }> = {
  deploy: { apiVersion: 'apps/v1', kind: 'Deployment', ref: DEPLOYMENTS },
  rs: { apiVersion: 'apps/v1', kind: 'ReplicaSet', ref: REPLICA_SETS },
  pod: { apiVersion: 'v1', kind: 'Pod', ref: PODS },
  node: { apiVersion: 'v1', kind: 'Node', ref: NODES },
};

type Obj = [kind: string, namespace: string, name: string, owner?: [kind: string, name: string]];

const ownerRef = ([kind, name]: [string, string]): OwnerReference => ({ apiVersion: KIND[kind]!.apiVersion, kind: KIND[kind]!.kind, name, uid: `uid-${name}` });

function make([kind, namespace, name, owner]: Obj): KubeObject {
  const metadata: Record<string, unknown> = { name, uid: `uid-${name}`, ...(namespace ? { namespace } : {}) };
  if (owner) metadata.ownerReferences = [ownerRef(owner)];
  return { apiVersion: KIND[kind]!.apiVersion, kind: KIND[kind]!.kind, metadata };
}

const warning = (ownerKind: string, ownerName: string, ns: string): string =>
  `Warning OwnerRefInvalidNamespace ownerRef [${KIND[ownerKind]!.apiVersion}/${KIND[ownerKind]!.kind}, namespace: ${ns}, name: ${ownerName}, uid: uid-${ownerName}] does not exist in namespace "${ns}"`;

const cases: { name: string; observed: Obj[]; events: string[]; about: string[]; queued: string[] }[] = [
  {
    name: 'owner observed first, then a dependent in another namespace',
    observed: [['rs', 'a', 'web'], ['pod', 'b', 'p', ['rs', 'web']]],
    events: [warning('rs', 'web', 'b')],
    about: ['Pod b/p uid-p'],
    queued: ['uid-p'],
  },
  {
    name: 'dependent first (virtual owner), then the owner observed in another namespace',
    observed: [['rs', 'b', 'web', ['deploy', 'd']], ['deploy', 'a', 'd']],
    events: [warning('deploy', 'd', 'b')],
    about: ['ReplicaSet b/web uid-web'],
    queued: ['uid-d', 'uid-web'],
  },
  { name: 'same namespace: no event', observed: [['rs', 'a', 'web'], ['pod', 'a', 'p', ['rs', 'web']]], events: [], about: [], queued: [] },
  { name: 'a cluster-scoped owner may be referenced from any namespace', observed: [['node', '', 'n1'], ['pod', 'b', 'p', ['node', 'n1']]], events: [], about: [], queued: [] },
];

for (const c of cases) {
  test(`graph builder OwnerRefInvalidNamespace: ${c.name}`, () => {
    const queues = { attemptToDelete: new RecordingQueue(), attemptToOrphan: new RecordingQueue() };
    const recorder = new FakeRecorder();
    const graph = new GraphBuilder(queues, recorder);
    for (const o of c.observed) graph.upsert(KIND[o[0]]!.ref, make(o));
    assert.deepEqual(recorder.events, c.events);
    assert.deepEqual(recorder.objects.map((o) => `${o.kind} ${o.metadata?.namespace}/${o.metadata?.name} ${o.metadata?.uid}`), c.about);
    assert.deepEqual([...queues.attemptToDelete.pending], c.queued);
  });
}

test('garbage collector: a pod pointing at a ReplicaSet of another namespace gets the warning and is collected', async () => {
  const clock = new FakeClock();
  const client = new FakeClient({ objects: [make(['rs', 'a', 'web']), make(['pod', 'b', 'p', ['rs', 'web']])] });
  const factory = new FakeInformerFactory();
  const recorder = new FakeRecorder();
  const queues = { attemptToDelete: new RecordingQueue(), attemptToOrphan: new RecordingQueue() };
  const gc = newGarbageCollector({ ...testContext(), recorder, client, informers: factory, clock }, {
    queues, resources: [catalogEntry('apps', 'replicasets')!, catalogEntry('', 'pods')!],
  });
  factory.mirror(client);
  assert.deepEqual(recorder.events, [warning('rs', 'web', 'b')]);
  for (let uid = queues.attemptToDelete.take(); uid !== undefined; uid = queues.attemptToDelete.take()) await gc.syncDelete(uid);
  assert.deepEqual(client.tracker.list(PODS, 'b'), [], 'the owner does not exist where the reference points');
  assert.equal(client.tracker.list(REPLICA_SETS, 'a').length, 1);
});
