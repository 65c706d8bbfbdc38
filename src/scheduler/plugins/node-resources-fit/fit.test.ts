import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod, type PodWrapper } from '../../testing/wrappers.js';
import { factory, Fit, NAME } from './index.js';

const EXT_A = 'example.com/aaa';
const EXT_B = 'example.com/bbb';
const K8S_IO_A = 'kubernetes.io/something';
const HUGE_A = 'hugepages-2Mi';

/** cpu 10m, memory 20 bytes, 32 pods, 5 of example.com/aaa, 20 bytes of ephemeral storage, 5 hugepages-2Mi. */
const node = (): Node =>
  makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '32', [EXT_A]: '5', 'ephemeral-storage': '20', [HUGE_A]: '5' }).obj();

/** A pod with one container per request (cpu in millicores, memory in bytes). */
const res = (w: PodWrapper, ...reqs: Record<string, string | number>[]): PodWrapper =>
  w.req(...reqs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'cpu' ? `${v}m` : String(v)]))));
const pod = (...reqs: Record<string, string | number>[]): PodWrapper => res(makePod('p'), ...reqs);
const existing = (...reqs: Record<string, string | number>[]): Pod => res(makePod('e').node('n'), ...reqs).obj();
const withInit = (w: PodWrapper, ...inits: Record<string, number>[]): PodWrapper => {
  for (const r of inits) w.initReq({ cpu: `${r.cpu ?? 0}m`, memory: String(r.memory ?? 0) });
  return w;
};

interface Case {
  name: string;
  pod: Pod;
  existing?: Pod[];
  node?: Node;
  args?: unknown;
  code: Code;
  reasons: string[];
}

const cases: Case[] = [
  { name: 'no resources requested always fits', pod: makePod('p').obj(), existing: [existing({ cpu: 10, memory: 20 })], code: Code.Success, reasons: [] },
  {
    name: 'too many resources fails',
    pod: pod({ cpu: 1, memory: 1 }).obj(),
    existing: [existing({ cpu: 10, memory: 20 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu', 'Insufficient memory'],
  },
  {
    name: 'too many resources fails due to init container cpu',
    pod: withInit(pod({ cpu: 1, memory: 1 }), { cpu: 3, memory: 1 }).obj(),
    existing: [existing({ cpu: 8, memory: 19 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu'],
  },
  {
    name: 'too many resources fails due to highest init container cpu',
    pod: withInit(pod({ cpu: 1, memory: 1 }), { cpu: 3, memory: 1 }, { cpu: 2, memory: 1 }).obj(),
    existing: [existing({ cpu: 8, memory: 19 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu'],
  },
  {
    name: 'too many resources fails due to init container memory',
    pod: withInit(pod({ cpu: 1, memory: 1 }), { cpu: 1, memory: 3 }).obj(),
    existing: [existing({ cpu: 9, memory: 19 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient memory'],
  },
  {
    name: 'init container fits because it runs before the containers',
    pod: withInit(pod({ cpu: 1, memory: 1 }), { cpu: 1, memory: 1 }).obj(),
    existing: [existing({ cpu: 9, memory: 19 })],
    code: Code.Success,
    reasons: [],
  },
  { name: 'both resources fit', pod: pod({ cpu: 1, memory: 1 }).obj(), existing: [existing({ cpu: 5, memory: 5 })], code: Code.Success, reasons: [] },
  {
    name: 'one resource memory fits',
    pod: pod({ cpu: 2, memory: 1 }).obj(),
    existing: [existing({ cpu: 9, memory: 5 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu'],
  },
  {
    name: 'one resource cpu fits',
    pod: pod({ cpu: 1, memory: 2 }).obj(),
    existing: [existing({ cpu: 5, memory: 19 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient memory'],
  },
  { name: 'equal edge case', pod: pod({ cpu: 5, memory: 1 }).obj(), existing: [existing({ cpu: 5, memory: 19 })], code: Code.Success, reasons: [] },
  {
    name: 'equal edge case for init container',
    pod: withInit(pod({ cpu: 4, memory: 1 }), { cpu: 5, memory: 1 }).obj(),
    existing: [existing({ cpu: 5, memory: 19 })],
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'sidecar runs with the containers: its request adds up',
    pod: makePod('p').req({ cpu: '1m', memory: '1' }).initReq({ cpu: '1m', memory: '1' }, true).obj(),
    existing: [existing({ cpu: 9, memory: 5 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu'],
  },
  { name: 'extended resource fits', pod: pod({ [EXT_A]: 1 }).obj(), existing: [existing({})], code: Code.Success, reasons: [] },
  {
    name: 'extended resource fits for init container',
    pod: makePod('p').initReq({ [EXT_A]: '1' }).obj(),
    existing: [existing({})],
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'extended resource capacity enforced',
    pod: pod({ [EXT_A]: 10 }).obj(),
    existing: [existing({})],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${EXT_A}`],
  },
  {
    name: 'extended resource allocatable enforced',
    pod: pod({ [EXT_A]: 1 }).obj(),
    existing: [existing({ [EXT_A]: 5 })],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${EXT_A}`],
  },
  {
    name: 'extended resource allocatable enforced for multiple containers',
    pod: pod({ [EXT_A]: 3 }, { [EXT_A]: 3 }).obj(),
    existing: [existing({ [EXT_A]: 2 })],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${EXT_A}`],
  },
  {
    name: 'extended resource the node does not have',
    pod: pod({ cpu: 1, memory: 1, [EXT_B]: 1 }).obj(),
    existing: [existing({})],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${EXT_B}`],
  },
  {
    name: 'skip checking ignored extended resource',
    pod: pod({ cpu: 1, memory: 1, [EXT_B]: 1 }).obj(),
    existing: [existing({})],
    args: { ignoredResources: [EXT_B] },
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'skip checking ignored extended resource via resource groups',
    pod: pod({ cpu: 1, memory: 1, [EXT_B]: 1 }).obj(),
    existing: [existing({})],
    args: { ignoredResourceGroups: ['example.com'] },
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'kubernetes.io resources cannot be ignored',
    pod: pod({ [K8S_IO_A]: 10 }).obj(),
    existing: [existing({})],
    args: { ignoredResources: [K8S_IO_A] },
    code: Code.Unschedulable,
    reasons: [`Insufficient ${K8S_IO_A}`],
  },
  {
    name: 'hugepages resource capacity enforced',
    pod: pod({ [HUGE_A]: 10 }).obj(),
    existing: [existing({})],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${HUGE_A}`],
  },
  {
    name: 'hugepages resource allocatable enforced for multiple containers',
    pod: pod({ [HUGE_A]: 3 }, { [HUGE_A]: 3 }).obj(),
    existing: [existing({ [HUGE_A]: 2 })],
    code: Code.Unschedulable,
    reasons: [`Insufficient ${HUGE_A}`],
  },
  {
    name: 'resources + pod overhead fits',
    pod: pod({ cpu: 1, memory: 1 }).overhead({ cpu: '3m', memory: '13' }).obj(),
    existing: [existing({ cpu: 5, memory: 5 })],
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'requests + overhead does not fit for memory',
    pod: pod({ cpu: 1, memory: 1 }).overhead({ cpu: '1m', memory: '15' }).obj(),
    existing: [existing({ cpu: 5, memory: 5 })],
    code: Code.Unschedulable,
    reasons: ['Insufficient memory'],
  },
  {
    name: 'ephemeral storage is enforced',
    pod: pod({ 'ephemeral-storage': 25 }).obj(),
    existing: [existing({})],
    code: Code.Unschedulable,
    reasons: ['Insufficient ephemeral-storage'],
  },
  {
    name: 'too many pods, even without requests',
    pod: makePod('p').obj(),
    existing: [existing({})],
    node: makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '1' }).obj(),
    code: Code.Unschedulable,
    reasons: ['Too many pods'],
  },
  {
    name: 'too many pods and insufficient cpu are both reported',
    pod: pod({ cpu: 20 }).obj(),
    existing: [existing({})],
    node: makeNode('n').capacity({ cpu: '10m', memory: '20', pods: '1' }).obj(),
    code: Code.Unschedulable,
    reasons: ['Too many pods', 'Insufficient cpu'],
  },
];

for (const c of cases) {
  test(`NodeResourcesFit.filter: ${c.name}`, () => {
    const plugin = factory(c.args, {} as Handle) as Fit;
    const snap = newTestSnapshot(c.existing ?? [], [c.node ?? node()]);
    const state = new CycleState();
    assert.ok(plugin.preFilter(state, c.pod, snap.list()).status.isSuccess());
    const s = plugin.filter(state, c.pod, snap.get('n')!);
    assert.equal(s.code, c.code, s.toString());
    assert.deepEqual(s.reasons, c.reasons);
  });
}

test('NodeResourcesFit.filter without PreFilter is an Error', () => {
  const plugin = factory(undefined, {} as Handle) as Fit;
  const s = plugin.filter(new CycleState(), makePod('p').obj(), newTestSnapshot([], [node()]).get('n')!);
  assert.equal(s.code, Code.Error);
});

test('NodeResourcesFit PreFilter state survives CycleState.clone', () => {
  const plugin = factory(undefined, {} as Handle) as Fit;
  const state = new CycleState();
  const p = pod({ cpu: 1, memory: 1 }).obj();
  plugin.preFilter(state, p, []);
  const s = plugin.filter(state.clone(), p, newTestSnapshot([existing({ cpu: 10 })], [node()]).get('n')!);
  assert.deepEqual(s.reasons, ['Insufficient cpu']);
});

test('factory builds NodeResourcesFit under its upstream name', () => {
  const plugin = factory(undefined, {} as Handle);
  assert.ok(plugin instanceof Fit);
  assert.equal(NAME, 'NodeResourcesFit');
  assert.equal(plugin.name, NAME);
});

const invalidArgs: { name: string; args: unknown; err: RegExp }[] = [
  { name: 'unknown strategy', args: { scoringStrategy: { type: 'Random' } }, err: /scoringStrategy\.type: Unsupported value: "Random"/ },
  { name: 'weight out of range', args: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 101 }] } }, err: /weight of cpu not in valid range \(0, 100\]/ },
  { name: 'ratio without shape', args: { scoringStrategy: { type: 'RequestedToCapacityRatio' } }, err: /requestedToCapacityRatio: Required value/ },
  {
    name: 'shape not increasing',
    args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 50, score: 1 }, { utilization: 10, score: 2 }] } } },
    err: /sorted in increasing order/,
  },
  {
    name: 'shape score above 10',
    args: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 11 }] } } },
    err: /score: Invalid value: 11/,
  },
  { name: 'resource group with a slash', args: { ignoredResourceGroups: ['example.com/aaa'] }, err: /can't contain '\/'/ },
];

for (const c of invalidArgs) {
  test(`NodeResourcesFit factory rejects invalid args: ${c.name}`, () => {
    assert.throws(() => factory(c.args, {} as Handle), c.err);
  });
}

test('NodeResourcesFit registers pod deletes/scale-downs and node adds/allocatable updates', () => {
  const plugin = factory(undefined, {} as Handle) as Fit;
  assert.deepEqual(
    plugin.eventsToRegister().map((e) => e.event),
    [
      { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown },
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable },
    ],
  );
});
