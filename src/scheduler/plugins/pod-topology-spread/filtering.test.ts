import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { Code } from '../../framework/status.js';
import { PodInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, factory, NAME, PodTopologySpread } from './index.js';
import { HOSTNAME, spreadOn, testHandle, ZONE } from './testing.js';

interface Want {
  code: Code;
  reasons?: string[];
}

interface Case {
  name: string;
  pod: Pod;
  pods?: Pod[];
  nodes?: Node[];
  preFilter?: Code;
  want?: Record<string, Want>;
}

const OK: Want = { code: Code.Success };
const SKEW: Want = { code: Code.Unschedulable, reasons: [ERR_REASON_CONSTRAINTS_NOT_MATCH] };
const NO_LABEL: Want = { code: Code.UnschedulableAndUnresolvable, reasons: [ERR_REASON_NODE_LABEL_NOT_MATCH] };

/** zone1: a, b; zone2: x, y. */
const fourNodes = (): Node[] => [
  makeNode('a').label(ZONE, 'zone1').obj(),
  makeNode('b').label(ZONE, 'zone1').obj(),
  makeNode('x').label(ZONE, 'zone2').obj(),
  makeNode('y').label(ZONE, 'zone2').obj(),
];
/** `n` pods labelled foo on the node. */
const foo = (node: string, n: number, ns = 'default'): Pod[] =>
  Array.from({ length: n }, (_, i) => makePod(`${node}-${i}`, ns).label('foo', '').node(node).obj());

const cases: Case[] = [
  { name: 'no constraints: Skip', pod: makePod('p').label('foo', '').obj(), pods: foo('a', 3), preFilter: Code.Skip },
  {
    name: 'only ScheduleAnyway constraints: Skip',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj(),
    preFilter: Code.Skip,
  },
  {
    name: 'zone constraint: the crowded zone is rejected',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 2), ...foo('b', 1)],
    want: { a: SKEW, b: SKEW, x: OK, y: OK },
  },
  {
    name: 'zone constraint within maxSkew',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 3, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 1), ...foo('b', 1), ...foo('x', 1)],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'an incoming pod that does not match the selector does not count itself',
    pod: makePod('p').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 1)],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'a node without the topology key is unresolvable',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    nodes: [makeNode('a').label(ZONE, 'zone1').obj(), makeNode('n').obj()],
    want: { a: OK, n: NO_LABEL },
  },
  {
    name: 'hostname constraint',
    pod: makePod('p').label('foo', '').spread(spreadOn(HOSTNAME, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 2), ...foo('b', 1), ...foo('x', 1), ...foo('y', 1)],
    want: { a: SKEW, b: OK, x: OK, y: OK },
  },
  {
    name: 'two constraints: both must hold',
    pod: makePod('p')
      .label('foo', '')
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule'))
      .spread(spreadOn(HOSTNAME, 1, 'DoNotSchedule'))
      .obj(),
    // zones: zone1 1, zone2 3 (y fails the zone); hosts: a 1, b 0, x 2, y 1 (a and x fail the hostname)
    pods: [...foo('a', 1), ...foo('x', 2), ...foo('y', 1)],
    want: { a: SKEW, b: OK, x: SKEW, y: SKEW },
  },
  {
    name: 'minDomains above the number of domains makes the global minimum 0',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 2, 'DoNotSchedule', 'foo', { minDomains: 3 })).obj(),
    pods: [...foo('a', 1), ...foo('b', 1), ...foo('x', 1), ...foo('y', 1)],
    want: { a: SKEW, b: SKEW, x: SKEW, y: SKEW },
  },
  {
    name: 'minDomains met: the usual global minimum',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 2, 'DoNotSchedule', 'foo', { minDomains: 2 })).obj(),
    pods: [...foo('a', 1), ...foo('b', 1), ...foo('x', 1), ...foo('y', 1)],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'nodeAffinityPolicy Honor (default): nodes the pod cannot use are not domains',
    pod: makePod('p').label('foo', '').nodeSelector({ [ZONE]: 'zone1' }).spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 1)],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'nodeAffinityPolicy Ignore: every node with the key is a domain',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ [ZONE]: 'zone1' })
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { nodeAffinityPolicy: 'Ignore' }))
      .obj(),
    pods: [...foo('a', 1)],
    want: { a: SKEW, b: SKEW, x: OK, y: OK },
  },
  {
    name: 'nodeTaintsPolicy Ignore (default): a tainted zone still counts as the minimum',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 1)],
    nodes: [
      makeNode('a').label(ZONE, 'zone1').obj(),
      makeNode('x').label(ZONE, 'zone2').taint({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj(),
    ],
    want: { a: SKEW, x: OK },
  },
  {
    name: 'nodeTaintsPolicy Honor: an untolerated tainted zone is not a domain',
    pod: makePod('p')
      .label('foo', '')
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { nodeTaintsPolicy: 'Honor' }))
      .obj(),
    pods: [...foo('a', 1)],
    nodes: [
      makeNode('a').label(ZONE, 'zone1').obj(),
      makeNode('x').label(ZONE, 'zone2').taint({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj(),
    ],
    want: { a: OK, x: OK },
  },
  {
    name: 'nodeTaintsPolicy Honor with a toleration: the zone counts again',
    pod: makePod('p')
      .label('foo', '')
      .toleration({ key: 'k', operator: 'Exists' })
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { nodeTaintsPolicy: 'Honor' }))
      .obj(),
    pods: [...foo('a', 1)],
    nodes: [
      makeNode('a').label(ZONE, 'zone1').obj(),
      makeNode('x').label(ZONE, 'zone2').taint({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj(),
    ],
    want: { a: SKEW, x: OK },
  },
  {
    name: "matchLabelKeys: only pods with the incoming pod's value count",
    pod: makePod('p')
      .label('foo', '')
      .label('rev', '2')
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { matchLabelKeys: ['rev'] }))
      .obj(),
    pods: [
      ...foo('a', 2).map((p) => ({ ...p, metadata: { ...p.metadata, labels: { foo: '', rev: '1' } } })),
      makePod('new').label('foo', '').label('rev', '2').node('x').obj(),
    ],
    want: { a: OK, b: OK, x: SKEW, y: SKEW },
  },
  {
    name: 'pods of other namespaces and terminating pods do not count',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(),
    pods: [...foo('a', 3, 'other'), makePod('t').label('foo', '').node('b').terminating().obj()],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'an empty labelSelector counts no pod',
    pod: makePod('p').spread({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }).obj(),
    pods: [...foo('a', 3)],
    want: { a: OK, b: OK, x: OK, y: OK },
  },
  {
    name: 'two constraints on one key with different selectors are counted apart',
    pod: makePod('p')
      .label('foo', '')
      .label('bar', '')
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo'))
      .spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'bar'))
      .obj(),
    pods: [...foo('a', 1), makePod('bar').label('bar', '').node('x').obj()],
    want: { a: SKEW, b: SKEW, x: SKEW, y: SKEW },
  },
];

function setup(c: Case): { pl: PodTopologySpread; state: CycleState; code: Code; handle: ReturnType<typeof testHandle> } {
  const handle = testHandle(c.pods ?? [], c.nodes ?? fourNodes());
  const pl = factory(undefined, handle) as PodTopologySpread;
  const state = new CycleState();
  const { status } = pl.preFilter(state, c.pod, handle.snapshot().list());
  return { pl, state, code: status.code, handle };
}

test('factory builds PodTopologySpread under its upstream name', () => {
  const pl = factory(undefined, testHandle([], []));
  assert.ok(pl instanceof PodTopologySpread);
  assert.equal(NAME, 'PodTopologySpread');
  assert.equal(pl.name, NAME);
});

for (const c of cases) {
  test(`PodTopologySpread.filter: ${c.name}`, () => {
    const { pl, state, code, handle } = setup(c);
    assert.equal(code, c.preFilter ?? Code.Success);
    if (code === Code.Skip) return;
    const got: Record<string, Want> = {};
    for (const ni of handle.snapshot().list()) {
      if (!ni.node) continue;
      const s = pl.filter(state, c.pod, ni);
      got[ni.name] = s.isSuccess() ? OK : { code: s.code, reasons: [...s.reasons] };
    }
    assert.deepEqual(got, c.want);
  });
}

test('PodTopologySpread AddPod/RemovePod move the counts on a clone only', () => {
  const pod = makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj();
  const victims = foo('a', 2);
  const { pl, state, handle } = setup({ name: '', pod, pods: victims });
  const a = handle.snapshot().get('a')!;
  const x = handle.snapshot().get('x')!;
  assert.equal(pl.filter(state, pod, a).code, Code.Unschedulable);

  const what = state.clone();
  const ext = pl.preFilterExtensions();
  for (const v of victims) assert.ok(ext.removePod(what, pod, new PodInfo(v), a).isSuccess());
  assert.ok(pl.filter(what, pod, a).isSuccess(), 'zone1 emptied');
  assert.equal(pl.filter(state, pod, a).code, Code.Unschedulable, 'original untouched');

  ext.addPod(what, pod, new PodInfo(foo('x', 1)[0]!), x);
  assert.equal(pl.filter(what, pod, x).code, Code.Unschedulable, 'zone2 now has 1, zone1 0');
  assert.ok(pl.filter(what, pod, a).isSuccess());

  ext.addPod(what, pod, new PodInfo(makePod('o', 'other').label('foo', '').node('a').obj()), a);
  assert.ok(pl.filter(what, pod, a).isSuccess(), 'a pod of another namespace is not counted');
});

test('PodTopologySpread AddPod after a skipped PreFilter is a no-op', () => {
  const state = new CycleState();
  state.skipFilterPlugins.add(NAME);
  const handle = testHandle([], fourNodes());
  const pl = factory(undefined, handle) as PodTopologySpread;
  assert.ok(pl.addPod(state, makePod('p').obj(), new PodInfo(foo('a', 1)[0]!), handle.snapshot().get('a')!).isSuccess());
});

test('PodTopologySpread.preFilter: an invalid selector is an Error', () => {
  const pod = makePod('p').spread({ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'a b': 'c' } } }).obj();
  const { code } = setup({ name: '', pod });
  assert.equal(code, Code.Error);
});
