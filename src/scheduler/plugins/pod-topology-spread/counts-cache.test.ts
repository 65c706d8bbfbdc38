import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { FakeClock } from '../../../machinery/clock/clock.js';
import { SchedulerCache } from '../../cache/cache.js';
import { Snapshot } from '../../cache/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { filterConstraints, type SpreadConstraint } from './constraints.js';
import { TopologyCountsCache } from './counts-cache.js';
import { computePreFilterState } from './filtering.js';
import { computePreScoreState, scoreNode } from './scoring.js';
import { HOSTNAME, spreadOn, ZONE } from './testing.js';
import { seededRng as rng } from '../../../machinery/testing/rng.js';

const sorted = (maps: Map<string, number>[]): [string, number][][] => maps.map((m) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Incoming pods whose counting rules differ: namespaces, selectors, node affinity honoured or not, taints honoured. */
function incomingPods(): Pod[] {
  const zoneFoo = spreadOn(ZONE, 1, 'DoNotSchedule');
  return [
    makePod('in-1').label('foo', '').spread(zoneFoo).spread(spreadOn(HOSTNAME, 1, 'DoNotSchedule')).obj(),
    makePod('in-2', 'other').label('foo', '').spread(zoneFoo).obj(),
    makePod('in-3').label('bar', '').spread(spreadOn(ZONE, 2, 'DoNotSchedule', 'bar')).nodeSelector({ disk: 'ssd' }).obj(),
    makePod('in-4').label('foo', '').spread({ ...zoneFoo, nodeTaintsPolicy: 'Honor' }).obj(),
    makePod('in-5')
      .label('foo', '')
      .spread({ ...zoneFoo, nodeTaintsPolicy: 'Honor' })
      .toleration({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' })
      .obj(),
    makePod('in-6').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).spread(spreadOn(HOSTNAME, 1, 'ScheduleAnyway')).obj(),
  ];
}

function node(i: number, r: () => number): Node {
  const w = makeNode(`n${i}`).label(HOSTNAME, `n${i}`);
  if (r() < 0.9) w.label(ZONE, `z${Math.floor(r() * 3)}`);
  if (r() < 0.5) w.label('disk', 'ssd');
  if (r() < 0.2) w.taint({ key: 'dedicated', value: 'x', effect: 'NoSchedule' });
  return w.obj();
}

function pod(i: number, r: () => number, nodes: string[]): Pod {
  const w = makePod(`p${i}`, r() < 0.8 ? 'default' : 'other').node(nodes[Math.floor(r() * nodes.length)]!);
  if (r() < 0.6) w.label('foo', '');
  if (r() < 0.3) w.label('bar', '');
  if (r() < 0.05) w.terminating();
  return w.obj();
}

test('cached counts equal the full walk through node and pod churn (randomized, seeded)', () => {
  // 7 rules: with room for 16 entries each is kept and updated incrementally (from the snapshot's change records,
  // or without them by comparing every node); with room for 4 they are evicted.
  for (const [seed, capacity, tracked] of [
    [1, 16, true],
    [2, 16, true],
    [3, 16, false],
    [4, 4, true],
  ] as const) {
    const r = rng(seed);
    const cache = new SchedulerCache({ clock: new FakeClock() });
    const snap = new Snapshot();
    const counts = new TopologyCountsCache(capacity, tracked ? () => snap : undefined);
    let nodes: Node[] = Array.from({ length: 40 }, (_, i) => node(i, r));
    for (const n of nodes) cache.addNode(n);
    let pods: Pod[] = [];
    let next = 0;
    for (let step = 0; step < 150; step++) {
      const names = nodes.map((n) => n.metadata!.name!);
      const op = r();
      if (op < 0.45) {
        const p = pod(next++, r, names);
        pods.push(p);
        cache.addPod(p);
      } else if (op < 0.65 && pods.length > 0) {
        const [p] = pods.splice(Math.floor(r() * pods.length), 1);
        cache.removePod(p!);
      } else if (op < 0.75 && pods.length > 0) {
        // A pod's labels change (an update on the same node).
        const i = Math.floor(r() * pods.length);
        const old = pods[i]!;
        const labels = { ...(old.metadata?.labels ?? {}) };
        if ('foo' in labels) delete labels['foo'];
        else labels['foo'] = '';
        pods[i] = { ...old, metadata: { ...old.metadata, labels } };
        cache.updatePod(old, pods[i]!);
      } else if (op < 0.85) {
        // A node's labels or taints change.
        const i = Math.floor(r() * nodes.length);
        const cur = node(Number(nodes[i]!.metadata!.name!.slice(1)), r);
        cache.updateNode(nodes[i], cur);
        nodes[i] = cur;
      } else if (op < 0.92) {
        const n = node(1000 + next++, r);
        nodes.push(n);
        cache.addNode(n);
      } else if (nodes.length > 1) {
        const [n] = nodes.splice(Math.floor(r() * nodes.length), 1);
        cache.removeNode(n!);
        // Its pods go too (their deletions arrive on the pod watch).
        for (const p of pods.filter((x) => x.spec?.nodeName === n!.metadata!.name)) cache.removePod(p);
        pods = pods.filter((x) => x.spec?.nodeName !== n!.metadata!.name);
      }
      cache.updateSnapshot(snap);
      const all = snap.list();
      for (const incoming of incomingPods()) {
        const hard = filterConstraints(incoming.spec?.topologySpreadConstraints, incoming.metadata?.labels, 'DoNotSchedule');
        if (hard.length > 0) {
          const want = computePreFilterState(incoming, hard, all);
          const got = computePreFilterState(incoming, hard, all, counts);
          assert.deepEqual(sorted(got.tpValueToMatchNum), sorted(want.tpValueToMatchNum), `seed ${seed} step ${step} ${incoming.metadata!.name}`);
          assert.deepEqual(
            got.criticalPaths.map((p) => p.min),
            want.criticalPaths.map((p) => p.min),
          );
        }
        const soft = filterConstraints(incoming.spec?.topologySpreadConstraints, incoming.metadata?.labels, 'ScheduleAnyway');
        if (soft.length > 0) {
          const filtered = all.filter(() => r() < 0.5);
          for (const requireAll of [true, false]) {
            const want = computePreScoreState(incoming, soft, filtered, all, requireAll);
            const got = computePreScoreState(incoming, soft, filtered, all, requireAll, counts);
            assert.deepEqual(sorted([...got.topologyValueToPodCounts]), sorted([...want.topologyValueToPodCounts]), `seed ${seed} step ${step} soft`);
            assert.deepEqual(got.ignoredNodes, want.ignoredNodes);
            for (const ni of filtered) assert.equal(scoreNode(got, incoming, ni), scoreNode(want, incoming, ni), `seed ${seed} step ${step} score ${ni.name}`);
          }
        }
      }
    }
  }
});

test('an unchanged snapshot is not recounted, and the returned maps are copies', () => {
  const cache = new SchedulerCache({ clock: new FakeClock() });
  const snap = new Snapshot();
  for (const [n, z] of [
    ['a', 'z1'],
    ['b', 'z2'],
  ]) cache.addNode(makeNode(n!).label(ZONE, z!).obj());
  cache.addPod(makePod('p').label('foo', '').node('a').obj());
  cache.updateSnapshot(snap);
  const incoming = makePod('in').label('foo', '').obj();
  const constraints: SpreadConstraint[] = filterConstraints([spreadOn(ZONE, 1, 'DoNotSchedule')], incoming.metadata?.labels, 'DoNotSchedule');
  const counts = new TopologyCountsCache();
  const first = counts.counts(incoming, constraints, snap.list(), true);
  assert.deepEqual(sorted(first), [[['z1', 1], ['z2', 0]]]);
  first[0]!.set('z1', 99);
  assert.deepEqual(sorted(counts.counts(incoming, constraints, snap.list(), true)), [[['z1', 1], ['z2', 0]]]);
  assert.equal(counts.size, 1);
  // Another namespace is another rule.
  counts.counts(makePod('in', 'other').label('foo', '').obj(), constraints, snap.list(), true);
  assert.equal(counts.size, 2);
});
