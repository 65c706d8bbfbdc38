import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../machinery/clock/clock.js';
import { nopLogger } from '../machinery/log/logger.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import type { CycleContext } from './cycle-context.js';
import { DiagnosisStore } from './diagnosis.js';
import { findNodesThatFitPod, numFeasibleNodesToFind } from './find-nodes.js';
import { CycleState } from './framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from './framework/interface.js';
import { Code, Status } from './framework/status.js';
import { NOP_METRICS } from './metrics.js';
import type { SchedulingQueue } from './queue/interface.js';
import { newTestFramework, registryOf } from './runtime/testing.js';
import { makeNode, makePod } from './testing/wrappers.js';

const cases: [percentage: number, nodes: number, want: number][] = [
  [0, 0, 0],
  [0, 99, 99],
  [0, 100, 100],
  [0, 200, 100], // 49% = 98 → at least 100
  [0, 1000, 420], // 50 − 8 = 42%
  [0, 5000, 500], // 50 − 40 = 10%
  [0, 6000, 300], // 50 − 48 = 2% → 5%
  [0, 10_000, 500], // 5%
  [30, 1000, 300],
  [1, 1000, 100],
  [100, 5000, 5000],
];

for (const [p, n, want] of cases) {
  test(`numFeasibleNodesToFind(${p}%, ${n} nodes) = ${want}`, () => {
    assert.equal(numFeasibleNodesToFind(p, n), want);
  });
}

function context(nodeCount: number, percentage = 0): CycleContext {
  const clock = new FakeClock();
  const cache = new SchedulerCache({ clock });
  for (let i = 0; i < nodeCount; i++) cache.addNode(makeNode(`n${String(i).padStart(4, '0')}`).obj());
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  return {
    client: undefined as never,
    cache,
    snapshot,
    queue: undefined as unknown as SchedulingQueue,
    podLister: undefined as never,
    clock,
    logger: nopLogger,
    metrics: NOP_METRICS,
    diagnoses: new DiagnosisStore(),
    random: () => 0,
    percentageOfNodesToScore: percentage,
    nextStartNodeIndex: 0,
    frameworkForPod: () => undefined,
  };
}

const passAll: FilterPlugin = { name: 'PassAll', filter: () => Status.success() };

test('filtering stops at numFeasibleNodesToFind and the next cycle starts where it stopped', () => {
  const ctx = context(1000); // 420 to find
  const fw = newTestFramework({ registry: registryOf(passAll), plugins: { filter: ['PassAll'] } });
  const pod = makePod('p').obj();
  const first = findNodesThatFitPod(ctx, fw, new CycleState(), pod);
  assert.equal(first.feasible.length, 420);
  assert.equal(ctx.nextStartNodeIndex, 420);
  const second = findNodesThatFitPod(ctx, fw, new CycleState(), pod);
  assert.equal(second.feasible[0], ctx.snapshot.list()[420]);
  assert.equal(ctx.nextStartNodeIndex, 840);
  findNodesThatFitPod(ctx, fw, new CycleState(), pod);
  assert.equal(ctx.nextStartNodeIndex, 260, 'wraps around');
});

test('a profile percentage overrides the global one', () => {
  const ctx = context(1000, 42);
  const fw = newTestFramework({ registry: registryOf(passAll), plugins: { filter: ['PassAll'] }, percentageOfNodesToScore: 20 });
  assert.equal(findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').obj()).feasible.length, 200);
});

test('rejected nodes are in the diagnosis with their plugin; rejecting plugins are collected', () => {
  const ctx = context(3);
  const odd: FilterPlugin = { name: 'Odd', filter: (_s, _p, n) => (n.name === 'n0001' ? Status.success() : Status.unschedulable('even node')) };
  const fw = newTestFramework({ registry: registryOf(odd), plugins: { filter: ['Odd'] } });
  const r = findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').obj());
  assert.deepEqual(r.feasible.map((n) => n.name), ['n0001']);
  assert.deepEqual([...r.diagnosis.nodeToStatus.keys()].sort(), ['n0000', 'n0002']);
  assert.equal(r.diagnosis.nodeToStatus.get('n0000')!.plugin, 'Odd');
  assert.deepEqual([...r.diagnosis.unschedulablePlugins], ['Odd']);
});

test('the nominated node is tried first and, when it fits, alone', () => {
  const ctx = context(200);
  const calls: string[] = [];
  const spy: FilterPlugin = { name: 'Spy', filter: (_s, _p, n) => (calls.push(n.name), Status.success()) };
  const fw = newTestFramework({ registry: registryOf(spy), plugins: { filter: ['Spy'] } });
  const r = findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').nominatedNodeName('n0150').obj());
  assert.deepEqual(r.feasible.map((n) => n.name), ['n0150']);
  assert.deepEqual(calls, ['n0150']);
  assert.equal(ctx.nextStartNodeIndex, 0, 'the rotation is not disturbed');
});

test('PreFilter narrowing: only the named nodes are filtered; the others are absent with upstream\'s status', () => {
  const ctx = context(5);
  const narrow: PreFilterPlugin = { name: 'NodeName', preFilter: () => ({ result: { nodeNames: new Set(['n0003', 'ghost']) }, status: Status.success() }) };
  const reject: FilterPlugin = { name: 'Reject', filter: () => Status.unschedulable('nope') };
  const fw = newTestFramework({ registry: registryOf(narrow, reject), plugins: { preFilter: ['NodeName'], filter: ['Reject'] } });
  const r = findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').obj());
  assert.deepEqual([...r.diagnosis.nodeToStatus.keys()], ['n0003']);
  assert.equal(r.diagnosis.absentNodesStatus.code, Code.UnschedulableAndUnresolvable);
  assert.equal(r.diagnosis.absentNodesStatus.message(), "node(s) didn't satisfy plugin(s) [NodeName]");
  assert.deepEqual([...r.diagnosis.unschedulablePlugins].sort(), ['NodeName', 'Reject']);
});

test('a PreFilter rejection ends the search with its message', () => {
  const ctx = context(3);
  const no: PreFilterPlugin = { name: 'No', preFilter: () => ({ status: Status.unschedulable('pvc not found') }) };
  const fw = newTestFramework({ registry: registryOf(no), plugins: { preFilter: ['No'] } });
  const r = findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').obj());
  assert.equal(r.feasible.length, 0);
  assert.equal(r.diagnosis.preFilterMsg, 'pvc not found');
  assert.deepEqual([...r.diagnosis.unschedulablePlugins], ['No']);
});

test('a Filter error ends the search with the error', () => {
  const ctx = context(3);
  const boom: FilterPlugin = { name: 'Boom', filter: () => Status.error(new Error('broken')) };
  const fw = newTestFramework({ registry: registryOf(boom), plugins: { filter: ['Boom'] } });
  const r = findNodesThatFitPod(ctx, fw, new CycleState(), makePod('p').obj());
  assert.equal(r.error?.code, Code.Error);
});
