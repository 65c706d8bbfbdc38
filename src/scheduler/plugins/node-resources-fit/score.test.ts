import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle, NodeScore } from '../../framework/interface.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, type Fit } from './index.js';
import { brokenLinearFunction } from './scorers.js';

const GPU = 'example.com/gpu';

interface Case {
  name: string;
  args?: unknown;
  pod: Pod;
  existing?: Pod[];
  nodes: Node[];
  want: NodeScore[];
}

function scores(c: Case): NodeScore[] {
  const plugin = factory(c.args, {} as Handle) as Fit;
  const snap = newTestSnapshot(c.existing ?? [], c.nodes);
  const state = new CycleState();
  assert.ok(plugin.preScore(state, c.pod, snap.list()).isSuccess());
  return c.nodes.map((n) => {
    const { score, status } = plugin.score(state, c.pod, snap.get(n.metadata!.name!)!);
    assert.ok(status.isSuccess());
    return { name: n.metadata!.name!, score };
  });
}

const node = (name: string, cpu: string, memory: string, extra: Record<string, string> = {}): Node =>
  makeNode(name).capacity({ cpu, memory, ...extra }).obj();
/** Two 4-cpu/32Gi nodes; n2 already runs a pod requesting 2 cpu and 16Gi. */
const halfFull = { nodes: [node('n1', '4', '32Gi'), node('n2', '4', '32Gi')], existing: [makePod('e').node('n2').req({ cpu: '2', memory: '16Gi' }).obj()] };
const strategy = (type: string, resources?: { name: string; weight: number }[], shape?: { utilization: number; score: number }[]) => ({
  scoringStrategy: { type, ...(resources ? { resources } : {}), ...(shape ? { requestedToCapacityRatio: { shape } } : {}) },
});

const leastAllocated: Case[] = [
  {
    // cpu (4000-3000)·100/4000 = 25, memory (10000-5000)·100/10000 = 50 → 37; cpu 50, memory 50 → 50.
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: makePod('p').req({ cpu: '1', memory: '2000' }, { cpu: '2', memory: '3000' }).obj(),
    nodes: [node('n1', '4', '10000'), node('n2', '6', '10000')],
    want: [{ name: 'n1', score: 37 }, { name: 'n2', score: 50 }],
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    ...halfFull,
    want: [{ name: 'n1', score: 75 }, { name: 'n2', score: 25 }],
  },
  {
    // Non-zero view: 100m and 200Mi per container. n1: cpu 97, memory 99 → 98. n2 (one best-effort pod): 95, 98 → 96.
    name: 'best-effort pod counts the default non-zero requests',
    pod: makePod('p').obj(),
    nodes: [node('n1', '4', '32Gi'), node('n2', '4', '32Gi')],
    existing: [makePod('e').node('n2').obj()],
    want: [{ name: 'n1', score: 98 }, { name: 'n2', score: 96 }],
  },
  {
    name: 'requested beyond capacity scores 0 for that resource',
    pod: makePod('p').req({ cpu: '5', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 37 }],
  },
  {
    // n2: cpu 25·2 + memory 75·1 = 125 / 3 = 41.
    name: 'resource weights',
    args: strategy('LeastAllocated', [{ name: 'cpu', weight: 2 }, { name: 'memory', weight: 1 }]),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi'), node('n2', '4', '32Gi')],
    existing: [makePod('e').node('n2').req({ cpu: '2' }).obj()],
    want: [{ name: 'n1', score: 75 }, { name: 'n2', score: 41 }],
  },
  {
    // n1: cpu 75, memory 75, gpu 50·3 → 300 / 5 = 60; n2 has no gpu: only cpu and memory count.
    name: 'extended resource requested: nodes without it leave it out',
    args: strategy('LeastAllocated', [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 3 }]),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi', [GPU]: '1' }).obj(),
    nodes: [node('n1', '4', '32Gi', { [GPU]: '2' }), node('n2', '4', '32Gi')],
    want: [{ name: 'n1', score: 60 }, { name: 'n2', score: 75 }],
  },
  {
    name: 'extended resource not requested: left out everywhere',
    args: strategy('LeastAllocated', [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 3 }]),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi', { [GPU]: '2' }), node('n2', '4', '32Gi')],
    want: [{ name: 'n1', score: 75 }, { name: 'n2', score: 75 }],
  },
];

const mostAllocated: Case[] = [
  {
    name: 'resources requested, pods scheduled with resources',
    args: strategy('MostAllocated'),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    ...halfFull,
    want: [{ name: 'n1', score: 25 }, { name: 'n2', score: 75 }],
  },
  {
    // cpu capped at capacity: 100; memory 25 → 62.
    name: 'requested beyond capacity counts as full',
    args: strategy('MostAllocated'),
    pod: makePod('p').req({ cpu: '5', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 62 }],
  },
  {
    // cpu 100m·100/4000 = 2, memory 200Mi of 32Gi = 0 → 1.
    name: 'best-effort pod on an empty node',
    args: strategy('MostAllocated'),
    pod: makePod('p').obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 1 }],
  },
];

const binPacking = [
  { utilization: 0, score: 0 },
  { utilization: 100, score: 10 },
];
const requestedToCapacityRatio: Case[] = [
  {
    name: 'bin packing shape favours the fuller node',
    args: strategy('RequestedToCapacityRatio', undefined, binPacking),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    ...halfFull,
    want: [{ name: 'n1', score: 25 }, { name: 'n2', score: 75 }],
  },
  {
    name: 'spreading shape favours the emptier node',
    args: strategy('RequestedToCapacityRatio', undefined, [
      { utilization: 0, score: 10 },
      { utilization: 100, score: 0 },
    ]),
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    ...halfFull,
    want: [{ name: 'n1', score: 75 }, { name: 'n2', score: 25 }],
  },
  {
    // cpu 75% → 50; memory 25% → 0, which does not count toward the average.
    name: 'resources scoring 0 are left out of the average',
    args: strategy('RequestedToCapacityRatio', undefined, [
      { utilization: 0, score: 0 },
      { utilization: 50, score: 0 },
      { utilization: 100, score: 10 },
    ]),
    pod: makePod('p').req({ cpu: '3', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 50 }],
  },
  {
    // (25·1 + 50·2) / 3 = 41.67 → rounded to 42.
    name: 'weighted average is rounded',
    args: strategy('RequestedToCapacityRatio', [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 2 }], binPacking),
    pod: makePod('p').req({ cpu: '1', memory: '16Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 42 }],
  },
  {
    // 1000·100/3000 = 33 (integer utilization).
    name: 'utilization is truncated to an integer percentage',
    args: strategy('RequestedToCapacityRatio', [{ name: 'cpu', weight: 1 }], binPacking),
    pod: makePod('p').req({ cpu: '1' }).obj(),
    nodes: [node('n1', '3', '32Gi')],
    want: [{ name: 'n1', score: 33 }],
  },
  {
    name: 'over capacity scores as 100% utilization',
    args: strategy('RequestedToCapacityRatio', [{ name: 'cpu', weight: 1 }], binPacking),
    pod: makePod('p').req({ cpu: '5' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 100 }],
  },
];

for (const [strategyName, table] of [
  ['LeastAllocated', leastAllocated],
  ['MostAllocated', mostAllocated],
  ['RequestedToCapacityRatio', requestedToCapacityRatio],
] as const) {
  for (const c of table) test(`NodeResourcesFit.score ${strategyName}: ${c.name}`, () => assert.deepEqual(scores(c), c.want));
}

test('NodeResourcesFit.score without PreScore computes the requests itself', () => {
  const plugin = factory(undefined, {} as Handle) as Fit;
  const snap = newTestSnapshot([], [node('n1', '4', '32Gi')]);
  const { score } = plugin.score(new CycleState(), makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(), snap.get('n1')!);
  assert.equal(score, 75);
});

const shape = [
  { utilization: 10, score: 20 },
  { utilization: 20, score: 60 },
  { utilization: 60, score: 40 },
];
const brokenLinear: [number, number][] = [
  [0, 20], // before the first point: its score
  [10, 20],
  [15, 40],
  [20, 60],
  [30, 55], // 60 + (40-60)·(30-20)/(60-20) = 55
  [59, 41], // 60 + (-20·39)/40 = 60 - 19.5 → truncated toward zero: 41
  [60, 40],
  [100, 40], // after the last point: its score
];
for (const [p, want] of brokenLinear) {
  test(`brokenLinearFunction(${p}) = ${want}`, () => assert.equal(brokenLinearFunction(shape)(p), want));
}
