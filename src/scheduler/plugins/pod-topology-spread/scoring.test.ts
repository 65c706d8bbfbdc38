import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import type { NodeScore } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, PodTopologySpread, type PodTopologySpreadArgs } from './index.js';
import { HOSTNAME, spreadOn, testHandle, ZONE, type Workloads } from './testing.js';

interface Case {
  name: string;
  pod: Pod;
  pods?: Pod[];
  nodes?: Node[];
  /** Feasible nodes (default: every node). */
  filtered?: string[];
  args?: PodTopologySpreadArgs;
  workloads?: Workloads;
  preScore?: Code;
  raw?: Record<string, number>;
  want?: Record<string, number>;
}

const fourNodes = (): Node[] => [
  makeNode('a').label(ZONE, 'zone1').obj(),
  makeNode('b').label(ZONE, 'zone1').obj(),
  makeNode('x').label(ZONE, 'zone2').obj(),
  makeNode('y').label(ZONE, 'zone2').obj(),
];
const foo = (node: string, n: number): Pod[] => Array.from({ length: n }, (_, i) => makePod(`${node}-${i}`).label('foo', '').node(node).obj());
const web = (node: string, n: number): Pod[] => Array.from({ length: n }, (_, i) => makePod(`${node}-w${i}`).label('app', 'web').node(node).obj());
const webService = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } };

const cases: Case[] = [
  { name: 'no soft constraints: Skip', pod: makePod('p').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj(), preScore: Code.Skip },
  {
    name: 'system defaults without a Service or controller selecting the pod: Skip',
    pod: makePod('p').label('app', 'web').obj(),
    pods: web('a', 2),
    preScore: Code.Skip,
  },
  {
    // weight log(2+2) ≈ 1.386: zone1 3 pods → round(4.16) = 4, zone2 1 pod → round(1.39) = 1
    name: 'zone constraint: fewer matching pods in the zone, higher score',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj(),
    pods: [...foo('a', 2), ...foo('b', 1), ...foo('x', 1)],
    raw: { a: 4, b: 4, x: 1, y: 1 },
    want: { a: 25, b: 25, x: 100, y: 100 },
  },
  {
    // weight log(4+2) ≈ 1.792: a 2 pods → 4, b 1 → 2, x and y 0
    name: 'hostname constraint counts on the node itself',
    pod: makePod('p').label('foo', '').spread(spreadOn(HOSTNAME, 1, 'ScheduleAnyway')).obj(),
    pods: [...foo('a', 2), ...foo('b', 1)],
    raw: { a: 4, b: 2, x: 0, y: 0 },
    want: { a: 0, b: 50, x: 100, y: 100 },
  },
  {
    // maxSkew 3 adds 2 to every node: a 1·1.792+2 → 4, others 2; 100·(4+2-2)/4 = 100, 100·(4+2-4)/4 = 50
    name: 'maxSkew waters down the differences',
    pod: makePod('p').label('foo', '').spread(spreadOn(HOSTNAME, 3, 'ScheduleAnyway')).obj(),
    pods: foo('a', 1),
    raw: { a: 4, b: 2, x: 2, y: 2 },
    want: { a: 50, b: 100, x: 100, y: 100 },
  },
  {
    name: 'only the filtered nodes are domains; every node counts pods',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj(),
    pods: [...foo('a', 2), ...foo('y', 1)],
    filtered: ['b', 'x'],
    // two domains (weight log 4): zone1 2 pods → 3, zone2 1 pod → 1
    raw: { b: 3, x: 1 },
    want: { b: 33, x: 100 },
  },
  {
    name: 'a node without the topology key is ignored and scores 0',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj(),
    pods: foo('a', 1),
    nodes: [makeNode('a').label(ZONE, 'zone1').obj(), makeNode('x').label(ZONE, 'zone2').obj(), makeNode('n').obj()],
    raw: { a: 1, x: 0, n: 0 },
    want: { a: 0, x: 100, n: 0 },
  },
  {
    name: 'no matching pods anywhere: every node gets 100',
    pod: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj(),
    raw: { a: 0, b: 0, x: 0, y: 0 },
    want: { a: 100, b: 100, x: 100, y: 100 },
  },
  {
    // hostname weight log(3+2), zone weight log(2+2) (zone1 and the "" domain of c):
    // a = 1·1.609+2 + 1·1.386+4 = 8.996 → 9, b = 2 + 5.386 → 7, c = 2 (no zone label, zone skipped)
    name: 'system defaults for a pod selected by a Service; nodes without a zone still get hostname spreading',
    pod: makePod('p').label('app', 'web').obj(),
    pods: web('a', 1),
    nodes: [makeNode('a').label(ZONE, 'zone1').obj(), makeNode('b').label(ZONE, 'zone1').obj(), makeNode('c').obj()],
    workloads: { services: [webService] },
    raw: { a: 9, b: 7, c: 2 },
    want: { a: 22, b: 44, c: 100 },
  },
  {
    name: 'List defaulting with constraints of its own applies them to pods selected by a Service',
    pod: makePod('p').label('app', 'web').obj(),
    pods: web('a', 1),
    nodes: [makeNode('a').label(ZONE, 'zone1').obj(), makeNode('b').label(ZONE, 'zone2').obj(), makeNode('c').obj()],
    args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway' }] },
    workloads: { services: [webService] },
    // the node without a zone is ignored: List defaults require every key
    raw: { a: 1, b: 0, c: 0 },
    want: { a: 0, b: 100, c: 0 },
  },
  {
    name: 'List defaulting with no constraints: Skip',
    pod: makePod('p').label('app', 'web').obj(),
    pods: web('a', 1),
    args: { defaultingType: 'List' },
    workloads: { services: [webService] },
    preScore: Code.Skip,
  },
];

for (const c of cases) {
  test(`PodTopologySpread.score: ${c.name}`, () => {
    const handle = testHandle(c.pods ?? [], c.nodes ?? fourNodes(), c.workloads);
    const pl = factory(c.args, handle) as PodTopologySpread;
    const state = new CycleState();
    const nodes = handle.snapshot().list().filter((ni) => ni.node && (!c.filtered || c.filtered.includes(ni.name)));
    const status = pl.preScore(state, c.pod, nodes);
    assert.equal(status.code, c.preScore ?? Code.Success, status.message());
    if (status.isSkip()) return;
    const scores: NodeScore[] = nodes.map((ni) => ({ name: ni.name, score: pl.score(state, c.pod, ni).score }));
    assert.deepEqual(Object.fromEntries(scores.map((s) => [s.name, s.score])), c.raw);
    assert.ok(pl.scoreExtensions().normalizeScore(state, c.pod, scores).isSuccess());
    assert.deepEqual(Object.fromEntries(scores.map((s) => [s.name, s.score])), c.want);
  });
}

test('PodTopologySpread.preScore: an empty snapshot is skipped', () => {
  const pl = factory(undefined, testHandle([], [])) as PodTopologySpread;
  const pod = makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'ScheduleAnyway')).obj();
  assert.equal(pl.preScore(new CycleState(), pod, []).code, Code.Skip);
});
