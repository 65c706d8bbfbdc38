import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod, Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle, type NodeScore } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, NAME, TaintToleration } from './index.js';

const plugin = factory(undefined, {} as Handle) as TaintToleration;

const nodeWith = (name: string, ...taints: Taint[]): Node => taints.reduce((w, t) => w.taint(t), makeNode(name)).obj();
const podWith = (...tolerations: Toleration[]): Pod => tolerations.reduce((w, t) => w.toleration(t), makePod('p')).obj();

const filterCases: { name: string; pod: Pod; node: Node; code: Code; reasons?: string[] }[] = [
  {
    name: 'a pod with no tolerations cannot land on a node with a NoSchedule taint',
    pod: podWith(),
    node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['node(s) had untolerated taint {dedicated: user1}'],
  },
  {
    name: 'a toleration of the key, value and effect',
    pod: podWith({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
    node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
    code: Code.Success,
  },
  {
    name: 'a toleration of another value',
    pod: podWith({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }),
    node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['node(s) had untolerated taint {dedicated: user1}'],
  },
  {
    name: 'Exists tolerates any value',
    pod: podWith({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }),
    node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
    code: Code.Success,
  },
  {
    name: 'several tolerations tolerate several taints',
    pod: podWith({ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', operator: 'Exists', effect: 'NoSchedule' }),
    node: nodeWith('n', { key: 'dedicated', value: 'user2', effect: 'NoSchedule' }, { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
    code: Code.Success,
  },
  {
    name: 'key and value match but the effect does not',
    pod: podWith({ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }),
    node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['node(s) had untolerated taint {foo: bar}'],
  },
  {
    name: 'an empty toleration effect matches NoSchedule',
    pod: podWith({ key: 'foo', value: 'bar' }),
    node: nodeWith('n', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
    code: Code.Success,
  },
  {
    name: 'an untolerated PreferNoSchedule taint does not filter',
    pod: podWith({ key: 'dedicated', value: 'user2', effect: 'NoSchedule' }),
    node: nodeWith('n', { key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }),
    code: Code.Success,
  },
  {
    name: 'an untolerated NoExecute taint filters; an empty value prints empty',
    pod: podWith(),
    node: nodeWith('n', { key: 'node-role.kubernetes.io/control-plane', effect: 'NoExecute' }),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
  },
  { name: 'a node with no taints', pod: podWith(), node: nodeWith('n'), code: Code.Success },
];

for (const c of filterCases) {
  test(`TaintToleration.filter: ${c.name}`, () => {
    const s = plugin.filter(new CycleState(), c.pod, new NodeInfo(c.node));
    assert.equal(s.code, c.code);
    assert.deepEqual([...s.reasons], c.reasons ?? []);
  });
}

const pns = (key: string, value: string): Taint => ({ key, value, effect: 'PreferNoSchedule' });
const scoreCases: { name: string; pod: Pod; nodes: Node[]; want: number[] }[] = [
  {
    name: 'a node whose taints are tolerated beats one with an intolerable taint',
    pod: podWith({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
    nodes: [nodeWith('a', pns('foo', 'bar')), nodeWith('b', pns('foo', 'blah'))],
    want: [100, 0],
  },
  {
    name: 'nodes whose taints are all tolerated score the same, however many',
    pod: podWith({ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }, { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }),
    nodes: [nodeWith('a'), nodeWith('b', pns('foo', 'bar')), nodeWith('c', pns('foo', 'bar'), pns('cpu-type', 'arm64'))],
    want: [100, 100, 100],
  },
  {
    name: 'the more intolerable taints, the lower the score',
    pod: podWith({ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }),
    nodes: [nodeWith('a'), nodeWith('b', pns('cpu-type', 'arm64')), nodeWith('c', pns('cpu-type', 'arm64'), pns('disk-type', 'ssd'))],
    want: [100, 50, 0],
  },
  {
    name: 'only PreferNoSchedule taints and tolerations count',
    pod: podWith({ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }),
    nodes: [nodeWith('a'), nodeWith('b', { key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }), nodeWith('c', pns('cpu-type', 'arm64'))],
    want: [100, 100, 0],
  },
  {
    name: 'no taints and no tolerations: the untainted node wins',
    pod: podWith(),
    nodes: [nodeWith('a'), nodeWith('b', pns('cpu-type', 'arm64'))],
    want: [100, 0],
  },
];

for (const c of scoreCases) {
  test(`TaintToleration.score: ${c.name}`, () => {
    const state = new CycleState();
    const infos = c.nodes.map((n) => new NodeInfo(n));
    assert.ok(plugin.preScore(state, c.pod, infos).isSuccess());
    const scores: NodeScore[] = infos.map((ni) => ({ name: ni.name, score: plugin.score(state, c.pod, ni).score }));
    assert.ok(plugin.scoreExtensions().normalizeScore(state, c.pod, scores).isSuccess());
    assert.deepEqual(scores.map((s) => s.score), c.want);
  });
}

test('TaintToleration.score without PreScore is an Error', () => {
  assert.equal(plugin.score(new CycleState(), podWith(), new NodeInfo(nodeWith('a'))).status.code, Code.Error);
});

test('factory: upstream name', () => {
  assert.equal(plugin.name, NAME);
  assert.equal(NAME, 'TaintToleration');
});

const noSchedule: Taint = { key: 'foo', value: 'bar', effect: 'NoSchedule' };
const nodeHintCases: { name: string; pod: Pod; old?: Node; cur: Node; want: string }[] = [
  { name: 'a new node without taints', pod: podWith(), cur: nodeWith('n'), want: 'Queue' },
  { name: 'a new node with an untolerated taint', pod: podWith(), cur: nodeWith('n', noSchedule), want: 'QueueSkip' },
  { name: 'the untolerated taint was removed', pod: podWith(), old: nodeWith('n', noSchedule), cur: nodeWith('n'), want: 'Queue' },
  { name: 'the node was tolerated before', pod: podWith(), old: nodeWith('n'), cur: nodeWith('n', pns('x', 'y')), want: 'QueueSkip' },
  {
    name: 'a taint the pod tolerates replaced one it does not',
    pod: podWith({ key: 'ok', operator: 'Exists' }),
    old: nodeWith('n', noSchedule),
    cur: nodeWith('n', { key: 'ok', effect: 'NoSchedule' }),
    want: 'Queue',
  },
];

for (const c of nodeHintCases) {
  test(`TaintToleration node hint: ${c.name}`, () => {
    const e = plugin.eventsToRegister().find((x) => x.event.resource === 'Node')!;
    assert.equal(e.event.actionType, ActionType.Add | ActionType.UpdateNodeTaint);
    assert.equal(e.queueingHint!(c.pod, c.old, c.cur), c.want);
  });
}

test('TaintToleration pod hint: only the rejected pod\'s own toleration update queues it', () => {
  const e = plugin.eventsToRegister().find((x) => x.event.resource === 'Pod')!;
  assert.equal(e.event.actionType, ActionType.UpdatePodTolerations);
  const pod = makePod('p').obj();
  assert.equal(e.queueingHint!(pod, pod, makePod('p').toleration({ operator: 'Exists' }).obj()), 'Queue');
  assert.equal(e.queueingHint!(pod, undefined, makePod('other').obj()), 'QueueSkip');
});
