import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { catalogEntry } from '../../api/catalog.js';
import { FakeClient, type Action } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newGarbageCollector, type GarbageCollector } from './controller.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { withServerDeletion } from '../../client/fake/index.js';

const NOW = '2026-01-01T00:00:00Z';
const TYPES = {
  deploy: { apiVersion: 'apps/v1', kind: 'Deployment' },
  rs: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  pod: { apiVersion: 'v1', kind: 'Pod' },
  cm: { apiVersion: 'v1', kind: 'ConfigMap' },
};

interface Spec {
  type: keyof typeof TYPES;
  name: string;
  owners?: OwnerReference[];
  finalizers?: string[];
  deleting?: boolean;
}

const uidOf = (name: string): string => `uid-${name}`;

function make(s: Spec): KubeObject {
  const metadata: Record<string, unknown> = { name: s.name, namespace: 'ns', uid: uidOf(s.name) };
  if (s.owners) metadata.ownerReferences = s.owners;
  if (s.finalizers) metadata.finalizers = s.finalizers;
  if (s.deleting) metadata.deletionTimestamp = NOW;
  return { ...TYPES[s.type], metadata };
}

const ref = (type: keyof typeof TYPES, name: string, block = false): OwnerReference => ({
  ...TYPES[type],
  name,
  uid: uidOf(name),
  controller: true,
  ...(block ? { blockOwnerDeletion: true } : {}),
});

interface Harness {
  client: FakeClient;
  factory: FakeInformerFactory;
  gc: GarbageCollector;
  queues: { attemptToDelete: RecordingQueue; attemptToOrphan: RecordingQueue };
  exists(type: keyof typeof TYPES, name: string): boolean;
}

const RESOURCES = [catalogEntry('apps', 'deployments')!, catalogEntry('apps', 'replicasets')!, catalogEntry('', 'pods')!, catalogEntry('', 'configmaps')!];

function setup(specs: Spec[]): Harness {
  const clock = new FakeClock(new Date(NOW));
  const client = new FakeClient({ objects: specs.map(make), now: () => clock.now() });
  withServerDeletion(client, () => clock.now());
  const factory = new FakeInformerFactory();
  const queues = { attemptToDelete: new RecordingQueue(), attemptToOrphan: new RecordingQueue() };
  const gc = newGarbageCollector({ ...testContext(), client, informers: factory, clock }, { queues, resources: RESOURCES });
  factory.mirror(client);
  const exists = (type: keyof typeof TYPES, name: string): boolean =>
    client.tracker.list(RESOURCES.find((r) => r.kind === TYPES[type].kind)!, 'ns').some((o) => o.metadata?.name === name);
  return { client, factory, gc, queues, exists };
}

/** Processes both queues, mirroring the fake server into the caches after each item, until nothing is left. */
async function settle(h: Harness): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const d = h.queues.attemptToDelete.take();
    const o = d === undefined ? h.queues.attemptToOrphan.take() : undefined;
    if (d === undefined && o === undefined) return;
    if (d !== undefined) await h.gc.syncDelete(d).catch(() => h.queues.attemptToDelete.addRateLimited(d));
    else await h.gc.syncOrphan(o!);
    h.factory.mirror(h.client);
  }
  throw new Error('the collector did not settle');
}

const writes = (h: Harness): Action[] => h.client.actions.filter((a) => a.verb !== 'get' && a.verb !== 'list');
const describe = (a: Action): string => `${a.verb} ${a.resource}/${a.name}${a.verb === 'delete' ? ` ${(a.options as { propagationPolicy?: string }).propagationPolicy}` : ''}`;

interface Case {
  name: string;
  objects: Spec[];
  check(h: Harness): Promise<void> | void;
}

const cases: Case[] = [
  {
    name: 'background: a ReplicaSet whose Deployment is gone is deleted, then its pods',
    objects: [
      { type: 'rs', name: 'web-1', owners: [ref('deploy', 'web', true)] },
      { type: 'pod', name: 'web-1-a', owners: [ref('rs', 'web-1', true)] },
      { type: 'pod', name: 'web-1-b', owners: [ref('rs', 'web-1', true)] },
    ],
    check(h) {
      assert.deepEqual(writes(h).map(describe), ['delete replicasets/web-1 Background', 'delete pods/web-1-a Background', 'delete pods/web-1-b Background']);
      const del = h.client.actionsOf('delete', 'replicasets')[0]!;
      assert.deepEqual((del.options as { preconditions?: unknown }).preconditions, { uid: 'uid-web-1' });
      assert.equal(h.client.tracker.list(RESOURCES[2]!, 'ns').length, 0);
    },
  },
  {
    name: 'an object whose owner exists is kept',
    objects: [
      { type: 'deploy', name: 'web' },
      { type: 'rs', name: 'web-1', owners: [ref('deploy', 'web', true)] },
    ],
    check(h) {
      assert.deepEqual(writes(h), []);
      assert.ok(h.exists('rs', 'web-1'));
    },
  },
  {
    name: 'with one live owner, only the reference to the absent owner is removed',
    objects: [
      { type: 'cm', name: 'keeper' },
      { type: 'pod', name: 'p', owners: [{ ...ref('cm', 'keeper'), controller: false }, ref('rs', 'gone')] },
    ],
    check(h) {
      assert.deepEqual(writes(h).map(describe), ['patch pods/p']);
      const patch = h.client.actionsOf('patch', 'pods')[0]!;
      assert.equal(patch.patchType, 'strategic');
      assert.deepEqual(patch.patch, { metadata: { uid: 'uid-p', ownerReferences: [{ $patch: 'delete', uid: 'uid-gone' }] } });
      assert.ok(h.exists('pod', 'p'));
    },
  },
  {
    name: 'orphan: dependents lose the reference, then the orphan finalizer goes and the owner with it',
    objects: [
      { type: 'deploy', name: 'web', finalizers: ['orphan'], deleting: true },
      { type: 'rs', name: 'web-1', owners: [ref('deploy', 'web', true)] },
      { type: 'rs', name: 'web-2', owners: [ref('deploy', 'web', true)] },
    ],
    check(h) {
      assert.deepEqual(writes(h).map(describe), ['patch replicasets/web-1', 'patch replicasets/web-2', 'patch deployments/web']);
      const fin = h.client.actionsOf('patch', 'deployments')[0]!;
      assert.equal(fin.patchType, 'merge');
      assert.deepEqual((fin.patch as { metadata: { finalizers: string[] } }).metadata.finalizers, []);
      assert.ok(!h.exists('deploy', 'web'));
      for (const rs of ['web-1', 'web-2']) {
        assert.ok(h.exists('rs', rs));
        assert.deepEqual(h.client.tracker.get(RESOURCES[1]!, 'ns', rs).metadata?.ownerReferences, []);
      }
    },
  },
  {
    name: 'foreground: dependents are deleted first, each owner loses its finalizer after its blocking dependents',
    objects: [
      { type: 'deploy', name: 'web', finalizers: ['foregroundDeletion'], deleting: true },
      { type: 'rs', name: 'web-1', owners: [ref('deploy', 'web', true)] },
      { type: 'pod', name: 'web-1-a', owners: [ref('rs', 'web-1', true)] },
    ],
    check(h) {
      assert.deepEqual(writes(h).map(describe), [
        'delete replicasets/web-1 Foreground',
        'delete pods/web-1-a Background',
        'patch replicasets/web-1',
        'patch deployments/web',
      ]);
      assert.ok(!h.exists('deploy', 'web') && !h.exists('rs', 'web-1') && !h.exists('pod', 'web-1-a'));
    },
  },
  {
    name: 'foreground waits while a blocking dependent is still terminating, then finishes',
    objects: [
      { type: 'deploy', name: 'web', finalizers: ['foregroundDeletion'], deleting: true },
      { type: 'pod', name: 'slow', owners: [ref('deploy', 'web', true)], finalizers: ['example.com/hold'] },
      { type: 'cm', name: 'loose', owners: [ref('deploy', 'web', false)], finalizers: ['example.com/hold'] },
    ],
    async check(h) {
      assert.ok(h.exists('deploy', 'web'), 'the owner waits for its blocking dependent');
      assert.equal(h.client.actionsOf('patch', 'deployments').length, 0);
      const pod = structuredClone(h.client.tracker.get(RESOURCES[2]!, 'ns', 'slow'));
      pod.metadata!.finalizers = [];
      h.client.tracker.update(RESOURCES[2]!, 'ns', pod);
      h.factory.mirror(h.client);
      await settle(h);
      assert.ok(!h.exists('deploy', 'web'), 'the owner goes once the blocking dependent is gone');
      assert.ok(h.exists('cm', 'loose'), 'a non-blocking dependent does not hold the owner');
    },
  },
];

for (const c of cases) {
  test(`garbage collector: ${c.name}`, async () => {
    const h = setup(c.objects);
    await settle(h);
    await c.check(h);
  });
}

test('garbage collector: a virtual owner that exists on the server is requeued until the informer shows it', async () => {
  const h = setup([{ type: 'deploy', name: 'web' }, { type: 'rs', name: 'web-1', owners: [ref('deploy', 'web')] }]);
  // The Deployment's informer has not delivered it yet: remove it from the cache only.
  const inf = h.factory.informerFor(RESOURCES[0]!);
  inf.store.delete('ns/web');
  const gc2 = newGarbageCollector({ ...testContext(), client: h.client, informers: freshFactory(h), clock: new FakeClock() }, {
    queues: { attemptToDelete: new RecordingQueue(), attemptToOrphan: new RecordingQueue() },
    resources: RESOURCES,
  });
  assert.equal(gc2.graph.nodes.get('uid-web')?.virtual, true);
  assert.deepEqual(await gc2.syncDelete('uid-web'), { requeue: true });
  assert.equal(gc2.graph.nodes.get('uid-web')?.virtual, true);
  assert.equal(h.client.actionsOf('delete').length, 0);
});

function freshFactory(h: Harness): FakeInformerFactory {
  const f = new FakeInformerFactory();
  for (const r of RESOURCES.slice(1)) for (const o of h.client.tracker.list(r, 'ns')) f.informerFor(r).set(o);
  return f;
}
