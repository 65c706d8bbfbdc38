import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { Handle, NodeScore } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { BalancedAllocation, factory, NAME } from './index.js';

const GPU = 'example.com/gpu';
const node = (name: string, cpu: string, memory: string, extra: Record<string, string> = {}): Node =>
  makeNode(name).capacity({ cpu, memory, ...extra }).obj();
const withGPU = { resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: GPU, weight: 1 }] };

interface Case {
  name: string;
  args?: unknown;
  pod: Pod;
  existing?: Pod[];
  nodes: Node[];
  want: NodeScore[];
}

const cases: Case[] = [
  {
    // n1: cpu 3000/4000 = 0.75, memory 5000/10000 = 0.5 → std 0.125 → 87; n2: 0.5 and 0.5 → 100.
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: makePod('p').req({ cpu: '1', memory: '2000' }, { cpu: '2', memory: '3000' }).obj(),
    nodes: [node('n1', '4', '10000'), node('n2', '6', '10000')],
    want: [{ name: 'n1', score: 87 }, { name: 'n2', score: 100 }],
  },
  {
    // n1: cpu (2+1)/4 = 0.75, memory 8/32 = 0.25 → std 0.25 → 75.
    name: 'resources requested, pods scheduled with resources',
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi'), node('n2', '4', '32Gi')],
    existing: [makePod('e').node('n1').req({ cpu: '2' }).obj()],
    want: [{ name: 'n1', score: 75 }, { name: 'n2', score: 100 }],
  },
  {
    name: 'best-effort pods on the node count their real (zero) requests',
    pod: makePod('p').req({ cpu: '1', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi'), node('n2', '4', '32Gi')],
    existing: [makePod('e1').node('n2').obj(), makePod('e2').node('n2').obj()],
    want: [{ name: 'n1', score: 100 }, { name: 'n2', score: 100 }],
  },
  {
    // cpu fraction capped at 1, memory 0.25 → std 0.375 → 62.
    name: 'requested beyond allocatable is capped at 1',
    pod: makePod('p').req({ cpu: '8', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 62 }],
  },
  {
    // n1: 0.25, 0.25, 0.5 → mean 1/3, std √(1/72) ≈ 0.118 → 88; n2 has no gpu: cpu and memory only.
    name: 'three resources use the population standard deviation',
    args: withGPU,
    pod: makePod('p').req({ cpu: '1', memory: '8Gi', [GPU]: '1' }).obj(),
    nodes: [node('n1', '4', '32Gi', { [GPU]: '2' }), node('n2', '4', '32Gi'), node('n3', '4', '32Gi', { [GPU]: '4' })],
    want: [{ name: 'n1', score: 88 }, { name: 'n2', score: 100 }, { name: 'n3', score: 100 }],
  },
  {
    name: 'an extended resource the pod does not request is left out',
    args: withGPU,
    pod: makePod('p').req({ cpu: '3', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi', { [GPU]: '2' })],
    want: [{ name: 'n1', score: 75 }],
  },
  {
    name: 'a single resource is always balanced',
    args: { resources: [{ name: 'cpu', weight: 1 }] },
    pod: makePod('p').req({ cpu: '3', memory: '8Gi' }).obj(),
    nodes: [node('n1', '4', '32Gi')],
    want: [{ name: 'n1', score: 100 }],
  },
];

for (const c of cases) {
  test(`NodeResourcesBalancedAllocation.score: ${c.name}`, () => {
    const plugin = factory(c.args, {} as Handle) as BalancedAllocation;
    const snap = newTestSnapshot(c.existing ?? [], c.nodes);
    const state = new CycleState();
    assert.equal(plugin.preScore(state, c.pod, snap.list()).code, Code.Success);
    const got = c.nodes.map((n) => ({ name: n.metadata!.name!, score: plugin.score(state, c.pod, snap.get(n.metadata!.name!)!).score }));
    assert.deepEqual(got, c.want);
  });
}

test('NodeResourcesBalancedAllocation.preScore skips best-effort pods', () => {
  const plugin = factory(undefined, {} as Handle) as BalancedAllocation;
  const state = new CycleState();
  assert.equal(plugin.preScore(state, makePod('p').obj(), []).code, Code.Skip);
  const { score, status } = plugin.score(state, makePod('p').obj(), newTestSnapshot([], [node('n1', '4', '32Gi')]).get('n1')!);
  assert.equal(score, 0);
  assert.ok(status.isSuccess());
});

test('factory builds NodeResourcesBalancedAllocation under its upstream name', () => {
  const plugin = factory(undefined, {} as Handle);
  assert.ok(plugin instanceof BalancedAllocation);
  assert.equal(NAME, 'NodeResourcesBalancedAllocation');
  assert.equal(plugin.name, NAME);
});

const invalid: { name: string; args: unknown; err: RegExp }[] = [
  { name: 'weight other than 1', args: { resources: [{ name: 'cpu', weight: 2 }] }, err: /resources\[0\]\.weight: Invalid value: 2: must be 1/ },
  { name: 'duplicate resource', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'cpu', weight: 1 }] }, err: /resources\[1\]\.name: Duplicate value: "cpu"/ },
];
for (const c of invalid) {
  test(`NodeResourcesBalancedAllocation factory rejects invalid args: ${c.name}`, () => assert.throws(() => factory(c.args, {} as Handle), c.err));
}
