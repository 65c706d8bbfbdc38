import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PODS, REPLICA_SETS, REPLICATION_CONTROLLERS } from '../../client/resources.js';
import { newInternalError } from '../../machinery/errors/status.js';
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../client/interface.js';
import { newReplicaSetController } from './controller.js';
import { newHarness, newPod, newReplicaSet, type Harness } from './testing.js';

const KEY = 'default/web';
const createdPods = (h: Harness) => h.client.actionsOf('create', 'pods');
const statusWrites = (h: Harness) => h.client.actions.filter((a) => a.verb === 'update' && a.subresource === 'status');
const lastStatus = (h: Harness) => (statusWrites(h).at(-1)?.object as ReplicaSet | undefined)?.status;

/** Fails pod creates whose (1-based) call number is in `failing`. */
function failCreates(h: Harness, failing: (n: number) => boolean): void {
  let n = 0;
  h.client.prependReactor('create', 'pods', () => {
    n++;
    if (failing(n)) throw newInternalError(new Error('quota exceeded'));
    return undefined;
  });
}

const scaleUpCases = [
  { name: 'creates all missing pods', replicas: 10, burst: 500, failing: (_: number) => false, creates: 10, pending: 10, failedEvents: 0 },
  { name: 'caps at burstReplicas', replicas: 10, burst: 3, failing: (_: number) => false, creates: 3, pending: 3, failedEvents: 0 },
  // batches 1, 2, 4: the 4th call fails, its batch still finishes (3 more), the 8th call is never made.
  { name: 'stops after the first failing batch', replicas: 10, burst: 500, failing: (n: number) => n === 4, creates: 7, pending: 6, failedEvents: 1 },
  { name: 'first call failing stops at once', replicas: 10, burst: 500, failing: (n: number) => n >= 1, creates: 1, pending: 0, failedEvents: 1 },
];

for (const c of scaleUpCases) {
  test(`scale up in slow-start batches: ${c.name}`, async () => {
    const h = newHarness();
    h.seed(REPLICA_SETS, newReplicaSet('web', c.replicas));
    failCreates(h, c.failing);
    const rsc = newReplicaSetController(h.ctx, { burstReplicas: c.burst });
    const err = await rsc.sync(KEY).then(() => undefined, (e: unknown) => e);
    assert.equal(createdPods(h).length, c.creates);
    assert.equal(rsc.expectations.getExpectations(KEY)?.add, c.pending);
    assert.equal(h.recorder.events.filter((e) => e.startsWith('Warning FailedCreate Error creating:')).length, c.failedEvents);
    assert.equal(h.recorder.events.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: web-')).length, c.creates - c.failedEvents);
    assert.equal(err !== undefined, c.failedEvents > 0);
    const conds = (lastStatus(h)?.conditions ?? []) as { type: string; reason: string }[];
    assert.deepEqual(conds.map((x) => `${x.type}/${x.reason}`), c.failedEvents ? ['ReplicaFailure/FailedCreate'] : []);
  });
}

test('created pods come from the template with generateName and a controllerRef', async () => {
  const h = newHarness();
  h.seed(REPLICA_SETS, newReplicaSet('web', 1));
  await newReplicaSetController(h.ctx).sync(KEY);
  const pod = createdPods(h)[0]!.object!;
  assert.equal(pod.metadata?.generateName, 'web-');
  assert.deepEqual(pod.metadata?.labels, { app: 'web' });
  assert.deepEqual(pod.metadata?.ownerReferences, [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true },
  ]);
});

test('expectations prevent double creates until the informer observed the pods', async () => {
  const h = newHarness();
  h.seed(REPLICA_SETS, newReplicaSet('web', 3));
  const rsc = newReplicaSetController(h.ctx);
  await rsc.sync(KEY);
  await rsc.sync(KEY); // the cache has no pods yet: without expectations this would create 3 more
  assert.equal(createdPods(h).length, 3);
  const stored = (await h.client.list(PODS, 'default')).items;
  h.cache(PODS, ...stored.slice(0, 2));
  assert.equal(rsc.expectations.satisfiedExpectations(KEY), false);
  h.cache(PODS, stored[2]!);
  assert.equal(rsc.expectations.satisfiedExpectations(KEY), true);
  await rsc.sync(KEY);
  assert.equal(createdPods(h).length, 3);
});

test('expectations expire after 5 minutes on the clock', async () => {
  const h = newHarness();
  h.seed(REPLICA_SETS, newReplicaSet('web', 2));
  const rsc = newReplicaSetController(h.ctx);
  await rsc.sync(KEY);
  h.clock.step(5 * 60 * 1000 + 1);
  await rsc.sync(KEY);
  assert.equal(createdPods(h).length, 4);
});

const rs3 = newReplicaSet('web', 0);
const deleteCases = [
  { name: 'unassigned before assigned', keep: 1, pods: [newPod('a', { node: 'n1' }), newPod('b', { phase: 'Pending' })], deleted: ['b'] },
  { name: 'pending before unknown before running', keep: 1, pods: [newPod('r', { node: 'n1' }), newPod('u', { node: 'n2', phase: 'Unknown' }), newPod('p', { node: 'n3', phase: 'Pending' })], deleted: ['p', 'u'] },
  { name: 'not ready before ready', keep: 1, pods: [newPod('a-ready', { node: 'n1' }), newPod('b-notready', { node: 'n2', ready: false })], deleted: ['b-notready'] },
  { name: 'doubled-up node first', keep: 2, pods: [newPod('x1', { node: 'n1' }), newPod('x2', { node: 'n1' }), newPod('y', { node: 'n2' })], deleted: ['x1'] },
  { name: 'ready for less time first', keep: 1, pods: [newPod('old', { node: 'n1', readySince: '2025-12-01T00:00:00Z' }), newPod('new', { node: 'n2', readySince: '2025-12-31T23:59:00Z' })], deleted: ['new'] },
  { name: 'more restarts first', keep: 1, pods: [newPod('calm', { node: 'n1' }), newPod('crashy', { node: 'n2', restarts: 5 })], deleted: ['crashy'] },
  { name: 'newer first', keep: 1, pods: [newPod('older', { node: 'n1', ready: false, created: '2025-06-01T00:00:00Z' }), newPod('newer', { node: 'n2', ready: false, created: '2025-12-31T00:00:00Z' })], deleted: ['newer'] },
];

for (const c of deleteCases) {
  test(`scale down deletes by preference: ${c.name}`, async () => {
    const h = newHarness();
    const rs = { ...rs3, spec: { ...rs3.spec!, replicas: c.keep } };
    h.seed(REPLICA_SETS, rs);
    h.seed(PODS, ...c.pods.map((p) => ({ ...newPod(p.metadata!.name!, {}), ...p, metadata: { ...p.metadata, ownerReferences: newPod('x', { owner: rs }).metadata!.ownerReferences } }) as KubeObject));
    const rsc = newReplicaSetController(h.ctx);
    await rsc.sync(KEY);
    assert.deepEqual(h.client.actionsOf('delete', 'pods').map((a) => a.name).sort(), [...c.deleted].sort());
    assert.equal(h.recorder.events.filter((e) => e.startsWith('Normal SuccessfulDelete Deleted pod: ')).length, c.deleted.length);
    assert.equal(rsc.expectations.getExpectations(KEY)?.del, c.deleted.length);
  });
}

test('adoption and orphaning: adopt matching orphans, release owned pods that stopped matching, leave others alone', async () => {
  const h = newHarness();
  const rs = newReplicaSet('web', 3);
  h.seed(REPLICA_SETS, rs);
  const other = newReplicaSet('other', 1);
  h.seed(PODS,
    newPod('orphan'),
    newPod('mine', { owner: rs }),
    newPod('relabelled', { owner: rs, labels: { app: 'db' } }),
    newPod('foreign', { owner: other }),
    newPod('orphan-nomatch', { labels: { app: 'db' } }),
    newPod('orphan-terminated', { phase: 'Succeeded' }),
  );
  const rsc = newReplicaSetController(h.ctx);
  await rsc.sync(KEY);
  const patches = h.client.actionsOf('patch', 'pods').map((a) => `${a.name}:${JSON.stringify((a.patch as { metadata: { ownerReferences: { uid: string }[] } }).metadata.ownerReferences.map((r) => r.uid))}`);
  assert.deepEqual(patches.sort(), ['orphan:["uid-web"]', 'relabelled:[]']);
  // claimed: mine + orphan → one more pod to reach 3
  assert.equal(createdPods(h).length, 1);
  assert.equal(lastStatus(h)?.replicas, 2);
});

test('no adoption when a fresh read shows the owner is being deleted', async () => {
  const h = newHarness();
  h.seed(REPLICA_SETS, newReplicaSet('web', 1));
  h.seed(PODS, newPod('orphan'));
  await h.client.update(REPLICA_SETS, 'default', { ...(await h.client.get(REPLICA_SETS, 'default', 'web')), metadata: { ...(await h.client.get(REPLICA_SETS, 'default', 'web')).metadata, uid: 'uid-web', finalizers: ['x'] } });
  await h.client.delete(REPLICA_SETS, 'default', 'web');
  const err = await newReplicaSetController(h.ctx).sync(KEY).then(() => undefined, (e: Error) => e.message);
  assert.match(String(err), /has just been deleted/);
  assert.equal(h.client.actionsOf('patch', 'pods').length, 0);
});

const statusCases = [
  { name: 'counts ready, available and fully labelled', minReady: 0, step: 0, pods: [newPod('a'), newPod('b', { ready: false }), newPod('c', { labels: { app: 'web', extra: 'x' } })], want: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2 } },
  { name: 'minReadySeconds not yet passed', minReady: 30, step: 0, pods: [newPod('a', { readySince: '2025-12-31T23:59:50Z' })], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 0 } },
  { name: 'minReadySeconds passed', minReady: 30, step: 21_000, pods: [newPod('a', { readySince: '2025-12-31T23:59:50Z' })], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
  { name: 'terminating pods do not count', minReady: 0, step: 0, pods: [newPod('a'), newPod('gone', { deleting: true })], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
];

for (const c of statusCases) {
  test(`status: ${c.name}`, async () => {
    const h = newHarness();
    const rs = newReplicaSet('web', c.pods.filter((p) => !p.metadata?.deletionTimestamp).length);
    rs.spec!.minReadySeconds = c.minReady;
    (rs.metadata as { generation?: number }).generation = 4;
    h.seed(REPLICA_SETS, rs);
    h.seed(PODS, ...c.pods.map((p) => ({ ...p, metadata: { ...p.metadata, ownerReferences: newPod('x', { owner: rs }).metadata!.ownerReferences } }) as KubeObject));
    h.clock.step(c.step);
    await newReplicaSetController(h.ctx).sync(KEY);
    const { conditions: _c, ...got } = lastStatus(h) ?? {};
    assert.deepEqual(got, { ...c.want, observedGeneration: 4 });
  });
}

test('status is not written when nothing changed', async () => {
  const h = newHarness();
  const rs = newReplicaSet('web', 1);
  (rs as { status?: unknown }).status = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 };
  h.seed(REPLICA_SETS, rs);
  h.seed(PODS, newPod('a', { owner: rs }));
  await newReplicaSetController(h.ctx).sync(KEY);
  assert.equal(statusWrites(h).length, 0);
});

test('ready but not available with minReadySeconds requeues after minReadySeconds', async () => {
  const h = newHarness();
  const rs = newReplicaSet('web', 1);
  rs.spec!.minReadySeconds = 10;
  h.seed(REPLICA_SETS, rs);
  h.seed(PODS, newPod('a', { owner: rs, readySince: '2026-01-01T00:00:00Z' }));
  const rsc = newReplicaSetController(h.ctx);
  while (rsc.queue.len() > 0) rsc.queue.done((await rsc.queue.get())!);
  await rsc.sync(KEY);
  assert.equal(rsc.queue.len(), 0);
  h.clock.step(10_000);
  assert.equal(rsc.queue.len(), 1);
});

test('a missing replica set forgets its expectations', async () => {
  const h = newHarness();
  const rsc = newReplicaSetController(h.ctx);
  rsc.expectations.expectCreations(KEY, 3);
  await rsc.sync(KEY);
  assert.equal(rsc.expectations.getExpectations(KEY), undefined);
  assert.equal(h.client.actions.length, 0);
});

test('replication controllers share the core through the selector adapter', async () => {
  const h = newHarness();
  const rc: ReplicationController = {
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-rc', generation: 1 },
    spec: { replicas: 2, selector: { app: 'web' }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  h.seed(REPLICATION_CONTROLLERS, rc);
  h.seed(PODS, newPod('orphan'));
  const rmc = newReplicaSetController(h.ctx, { kind: 'ReplicationController' });
  assert.equal(rmc.name, 'replicationmanager');
  await rmc.sync(KEY);
  assert.equal(createdPods(h).length, 1);
  const ref = (createdPods(h)[0]!.object!.metadata?.ownerReferences as { kind: string; apiVersion: string }[])[0]!;
  assert.deepEqual([ref.apiVersion, ref.kind], ['v1', 'ReplicationController']);
  assert.equal(h.client.actionsOf('patch', 'pods')[0]?.name, 'orphan');
});

test('pod events enqueue the controllerRef owner, or every matching owner for an orphan', () => {
  const h = newHarness();
  const rsc = newReplicaSetController(h.ctx);
  h.cache(REPLICA_SETS, newReplicaSet('web', 1), newReplicaSet('web2', 1), newReplicaSet('db', 1, { app: 'db' }));
  const drain = async () => {
    const keys: string[] = [];
    while (rsc.queue.len() > 0) {
      const k = (await rsc.queue.get())!;
      keys.push(k);
      rsc.queue.done(k);
    }
    return keys.sort();
  };
  return (async () => {
    await drain();
    h.cache(PODS, newPod('owned', { owner: newReplicaSet('db', 1) }));
    assert.deepEqual(await drain(), ['default/db']);
    h.cache(PODS, newPod('orphan'));
    assert.deepEqual(await drain(), ['default/web', 'default/web2']);
  })();
});
