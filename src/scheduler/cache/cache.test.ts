import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { SchedulerCache } from './cache.js';
import { Snapshot } from './snapshot.js';
import { NodeTree } from './node-tree.js';

const newCache = (ttl = 0): { cache: SchedulerCache; clock: FakeClock } => {
  const clock = new FakeClock();
  return { cache: new SchedulerCache({ clock, assumedPodTTLMs: ttl }), clock };
};

const cpuOn = (c: SchedulerCache, node: string): number => c.nodeInfo(node)?.requested.milliCPU ?? 0;

test('assume → finishBinding → informer add confirms the pod', () => {
  const { cache } = newCache();
  cache.addNode(makeNode('n1').obj());
  const pod = makePod('p').req({ cpu: '500m' }).node('n1').obj();
  cache.assumePod(pod);
  assert.ok(cache.isAssumedPod(pod));
  assert.equal(cpuOn(cache, 'n1'), 500);
  cache.finishBinding(pod);
  cache.addPod(pod);
  assert.equal(cache.isAssumedPod(pod), false);
  assert.equal(cpuOn(cache, 'n1'), 500, 'counted once');
  assert.equal(cache.podCount(), 1);
});

test('assume twice is an error; forget undoes an assumption', () => {
  const { cache } = newCache();
  cache.addNode(makeNode('n1').obj());
  const pod = makePod('p').req({ cpu: '1' }).node('n1').obj();
  cache.assumePod(pod);
  assert.throws(() => cache.assumePod(pod), /is in the cache, so can't be assumed/);
  cache.forgetPod(pod);
  assert.equal(cpuOn(cache, 'n1'), 0);
  assert.equal(cache.podCount(), 0);
  assert.throws(() => cache.forgetPod(pod), /wasn't assumed so cannot be forgotten/);
});

test('forget with another node than assumed is an error', () => {
  const { cache } = newCache();
  const pod = makePod('p').node('n1').obj();
  cache.assumePod(pod);
  assert.throws(() => cache.forgetPod({ ...pod, spec: { ...pod.spec!, nodeName: 'n2' } }), /was assumed on n2 but assigned to n1/);
});

test('the informer confirming on another node moves the pod there', () => {
  const { cache } = newCache();
  for (const n of ['n1', 'n2']) cache.addNode(makeNode(n).obj());
  const pod = makePod('p').req({ cpu: '1' }).node('n1').obj();
  cache.assumePod(pod);
  cache.addPod({ ...pod, spec: { ...pod.spec!, nodeName: 'n2' } });
  assert.deepEqual([cpuOn(cache, 'n1'), cpuOn(cache, 'n2')], [0, 1000]);
});

test('assumed pods expire only with a TTL, after binding finished', () => {
  const off = newCache(0);
  const p = makePod('p').node('n1').obj();
  off.cache.assumePod(p);
  off.cache.finishBinding(p);
  off.clock.step(3_600_000);
  assert.deepEqual(off.cache.cleanupAssumedPods(off.clock.now().getTime()), []);

  const on = newCache(30_000);
  on.cache.assumePod(p);
  on.clock.step(60_000);
  assert.deepEqual(on.cache.cleanupAssumedPods(on.clock.now().getTime()), [], 'binding not finished: kept');
  on.cache.finishBinding(p);
  on.clock.step(30_001);
  assert.deepEqual(on.cache.cleanupAssumedPods(on.clock.now().getTime()).map((x) => x.metadata!.name), ['p']);
  assert.equal(on.cache.podCount(), 0);
});

test('update and remove of added pods; errors for unknown or assumed pods', () => {
  const { cache } = newCache();
  cache.addNode(makeNode('n1').obj());
  const v1 = makePod('p').req({ cpu: '1' }).node('n1').obj();
  cache.addPod(v1);
  assert.throws(() => cache.addPod(v1), /was already in added state/);
  const v2 = makePod('p').req({ cpu: '2' }).node('n1').obj();
  cache.updatePod(v1, v2);
  assert.equal(cpuOn(cache, 'n1'), 2000);
  cache.removePod(v2);
  assert.equal(cpuOn(cache, 'n1'), 0);
  assert.throws(() => cache.removePod(v2), /is not found in scheduler cache/);
  assert.throws(() => cache.updatePod(v1, v2), /is not added to scheduler cache/);
  const a = makePod('a').node('n1').obj();
  cache.assumePod(a);
  assert.throws(() => cache.updatePod(a, a), /assumed pod .* should not be updated/);
});

test('a pod seen before its node waits on a node-less NodeInfo; removing a node with pods keeps them', () => {
  const { cache } = newCache();
  const pod = makePod('p').req({ cpu: '1' }).node('n1').obj();
  cache.addPod(pod);
  assert.equal(cache.nodeCount(), 0);
  cache.addNode(makeNode('n1').obj());
  assert.equal(cache.nodeCount(), 1);
  assert.equal(cpuOn(cache, 'n1'), 1000);
  cache.removeNode(makeNode('n1').obj());
  assert.equal(cache.nodeCount(), 0);
  assert.ok(cache.nodeInfo('n1'), 'kept while pods remain');
  cache.removePod(pod);
  assert.equal(cache.nodeInfo('n1'), undefined);
  assert.throws(() => cache.removeNode(makeNode('n1').obj()), /node n1 is not found/);
});

test('image states: size and number of nodes, shared across nodes and kept current', () => {
  const { cache } = newCache();
  const img = (names: string[]) => [{ names, sizeBytes: 100 }];
  cache.addNode(makeNode('n1').images(img(['nginx:1'])).obj());
  cache.addNode(makeNode('n2').images(img(['nginx:1', 'redis:7'])).obj());
  assert.deepEqual(cache.nodeInfo('n1')!.imageStates.get('nginx:1'), { size: 100, numNodes: 2 });
  assert.deepEqual(cache.nodeInfo('n2')!.imageStates.get('redis:7'), { size: 100, numNodes: 1 });
  cache.removeNode(makeNode('n2').obj());
  assert.equal(cache.nodeInfo('n1')!.imageStates.get('nginx:1')!.numNodes, 1);
  cache.updateNode(undefined, makeNode('n1').images(img(['redis:7'])).obj());
  assert.deepEqual([...cache.nodeInfo('n1')!.imageStates.keys()], ['redis:7']);
});

test('snapshot: first update copies every node; later ones only the changed NodeInfos, in place', () => {
  const { cache } = newCache();
  for (const n of ['n1', 'n2', 'n3']) cache.addNode(makeNode(n).obj());
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.list().map((n) => n.name).sort(), ['n1', 'n2', 'n3']);
  const [n1, n2] = [snap.get('n1')!, snap.get('n2')!];
  const n2Generation = n2.generation;
  cache.addPod(makePod('p').req({ cpu: '1' }).node('n1').obj());
  cache.updateSnapshot(snap);
  assert.equal(snap.get('n1'), n1, 'same object, updated in place');
  assert.equal(n1.requested.milliCPU, 1000);
  assert.equal(n2.generation, n2Generation, 'unchanged node not copied');
  assert.notEqual(n1.pods, cache.nodeInfo('n1')!.pods, 'a copy, not the live list');
  cache.addPod(makePod('q').req({ cpu: '1' }).node('n1').obj());
  assert.equal(n1.requested.milliCPU, 1000, 'the snapshot does not move until updated');
});

test('snapshot: only changed entries are visited', () => {
  const { cache } = newCache();
  for (let i = 0; i < 1000; i++) cache.addNode(makeNode(`n${i}`).obj());
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  const copies = new Set<string>();
  const original = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(cache.nodeInfo('n0')!), 'clone')!.value as () => unknown;
  const proto = Object.getPrototypeOf(cache.nodeInfo('n0')!) as { clone: () => unknown };
  proto.clone = function (this: { name: string }) {
    copies.add(this.name);
    return original.call(this);
  };
  try {
    cache.addPod(makePod('p').node('n7').obj());
    cache.updateSnapshot(snap);
  } finally {
    proto.clone = original;
  }
  assert.deepEqual([...copies], ['n7']);
});

test('snapshot: affinity lists follow nodes gaining and losing such pods; deleted nodes leave', () => {
  const { cache } = newCache();
  for (const n of ['n1', 'n2']) cache.addNode(makeNode(n).obj());
  const snap = new Snapshot();
  cache.updateSnapshot(snap);
  const term = { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'x' } } };
  const anti = makePod('anti').node('n2').podAffinity(term, true).obj();
  cache.addPod(anti);
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.havePodsWithAffinityList().map((n) => n.name), ['n2']);
  assert.deepEqual(snap.havePodsWithRequiredAntiAffinityList().map((n) => n.name), ['n2']);
  cache.removePod(anti);
  cache.removeNode(makeNode('n1').obj());
  cache.updateSnapshot(snap);
  assert.deepEqual(snap.havePodsWithAffinityList(), []);
  assert.deepEqual(snap.list().map((n) => n.name), ['n2']);
  assert.equal(snap.get('n1'), undefined);
});

test('node tree lists zones interleaved', () => {
  const tree = new NodeTree();
  const zoned = (name: string, zone: string) => makeNode(name).label('topology.kubernetes.io/zone', zone).obj();
  for (const [n, z] of [['a1', 'a'], ['a2', 'a'], ['a3', 'a'], ['b1', 'b'], ['c1', 'c'], ['c2', 'c']] as const) tree.addNode(zoned(n, z));
  assert.deepEqual(tree.list(), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  tree.updateNode(zoned('a1', 'a'), zoned('a1', 'b'));
  assert.deepEqual(tree.list(), ['a2', 'b1', 'c1', 'a3', 'a1', 'c2']);
  assert.equal(tree.numNodes, 6);
});

test('the snapshot records which NodeInfos each update changed (changedSince)', () => {
  const { cache } = newCache();
  const snap = new Snapshot();
  for (const n of ['n1', 'n2', 'n3']) cache.addNode(makeNode(n).obj());
  cache.updateSnapshot(snap);
  const g0 = snap.generation;
  assert.deepEqual(snap.changedSince(g0), []);
  cache.addPod(makePod('a').node('n1').obj());
  cache.updateSnapshot(snap);
  const g1 = snap.generation;
  cache.addPod(makePod('b').node('n2').obj());
  cache.updateSnapshot(snap);
  cache.updateSnapshot(snap); // nothing changed: nothing recorded
  const names = (infos: readonly { name: string }[] | undefined): string[] | undefined => infos?.map((i) => i.name).sort();
  assert.deepEqual(names(snap.changedSince(g1)), ['n2']);
  assert.deepEqual(names(snap.changedSince(g0)), ['n1', 'n2']);
  assert.equal(snap.changedSince(g0)![0], snap.get('n1'), 'the snapshot’s own NodeInfo objects');
  assert.equal(snap.changedSince(g0 - 1), undefined, 'a generation between records is unknown');
  assert.equal(snap.changedSince(snap.generation + 1), undefined);
});

test('change records are bounded: a reader too far behind is told to recount', () => {
  const { cache } = newCache();
  const snap = new Snapshot();
  cache.addNode(makeNode('n1').obj());
  cache.updateSnapshot(snap);
  const start = snap.generation;
  for (let i = 0; i < 300; i++) {
    cache.addPod(makePod(`p${i}`).node('n1').obj());
    cache.updateSnapshot(snap);
  }
  assert.equal(snap.changedSince(start), undefined);
});
