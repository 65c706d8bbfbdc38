import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import {
  ERR_REASON_UNKNOWN_CONDITION,
  ERR_REASON_UNSCHEDULABLE,
  factory,
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
  NAME,
  NodeUnschedulable,
} from './index.js';

const plugin = factory(undefined, {} as Handle) as NodeUnschedulable;
const KEY = 'node.kubernetes.io/unschedulable';

const cases: { name: string; pod: Pod; node: Node; code: Code; reasons: string[] }[] = [
  { name: 'node is schedulable', pod: makePod('p').obj(), node: makeNode('n').obj(), code: Code.Success, reasons: [] },
  {
    name: 'node is unschedulable',
    pod: makePod('p').obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNSCHEDULABLE],
  },
  {
    name: 'pod tolerates the unschedulable taint (Exists)',
    pod: makePod('p').toleration({ key: KEY, operator: 'Exists', effect: 'NoSchedule' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'pod tolerates every taint (empty key, Exists)',
    pod: makePod('p').toleration({ operator: 'Exists' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'pod tolerates the key with any effect',
    pod: makePod('p').toleration({ key: KEY, operator: 'Exists' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.Success,
    reasons: [],
  },
  {
    name: 'toleration with another effect does not help',
    pod: makePod('p').toleration({ key: KEY, operator: 'Exists', effect: 'NoExecute' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNSCHEDULABLE],
  },
  {
    name: 'Equal toleration with a value does not match the empty taint value',
    pod: makePod('p').toleration({ key: KEY, operator: 'Equal', value: 'x', effect: 'NoSchedule' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON_UNSCHEDULABLE],
  },
  {
    name: 'Equal toleration (default operator) with no value matches',
    pod: makePod('p').toleration({ key: KEY, effect: 'NoSchedule' }).obj(),
    node: makeNode('n').unschedulable().obj(),
    code: Code.Success,
    reasons: [],
  },
];

test('factory builds NodeUnschedulable under its upstream name', () => {
  assert.ok(plugin instanceof NodeUnschedulable);
  assert.equal(NAME, 'NodeUnschedulable');
  assert.equal(plugin.name, NAME);
});

for (const c of cases) {
  test(`NodeUnschedulable.filter: ${c.name}`, () => {
    const s = plugin.filter(new CycleState(), c.pod, new NodeInfo(c.node));
    assert.equal(s.code, c.code);
    assert.deepEqual(s.reasons, c.reasons);
  });
}

test('NodeUnschedulable.filter: a NodeInfo without its node', () => {
  const s = plugin.filter(new CycleState(), makePod('p').obj(), new NodeInfo());
  assert.equal(s.code, Code.UnschedulableAndUnresolvable);
  assert.deepEqual(s.reasons, [ERR_REASON_UNKNOWN_CONDITION]);
});

test('NodeUnschedulable registers node add/taint updates and pod toleration updates', () => {
  assert.deepEqual(
    plugin.eventsToRegister().map((e) => e.event),
    [
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
      { resource: 'Pod', actionType: ActionType.UpdatePodTolerations },
    ],
  );
});

const nodeHintCases: { name: string; old?: Node; new: Node; want: string }[] = [
  { name: 'schedulable node added', new: makeNode('n').obj(), want: 'Queue' },
  { name: 'unschedulable node added', new: makeNode('n').unschedulable().obj(), want: 'QueueSkip' },
  { name: 'node became schedulable', old: makeNode('n').unschedulable().obj(), new: makeNode('n').obj(), want: 'Queue' },
  { name: 'node became unschedulable', old: makeNode('n').obj(), new: makeNode('n').unschedulable().obj(), want: 'QueueSkip' },
  { name: 'schedulable node updated', old: makeNode('n').obj(), new: makeNode('n').label('a', 'b').obj(), want: 'QueueSkip' },
];

for (const c of nodeHintCases) {
  test(`NodeUnschedulable node hint: ${c.name}`, () => {
    assert.equal(isSchedulableAfterNodeChange(makePod('p').obj(), c.old, c.new), c.want);
  });
}

const podHintCases: { name: string; newPod: Pod; want: string }[] = [
  {
    name: 'the pod now tolerates the unschedulable taint',
    newPod: makePod('p').toleration({ key: KEY, operator: 'Exists', effect: 'NoSchedule' }).obj(),
    want: 'Queue',
  },
  { name: 'the pod got an unrelated toleration', newPod: makePod('p').toleration({ key: 'foo', operator: 'Exists' }).obj(), want: 'QueueSkip' },
  {
    name: 'another pod now tolerates the taint',
    newPod: makePod('other').toleration({ key: KEY, operator: 'Exists', effect: 'NoSchedule' }).obj(),
    want: 'QueueSkip',
  },
];

for (const c of podHintCases) {
  test(`NodeUnschedulable pod hint: ${c.name}`, () => {
    assert.equal(isSchedulableAfterPodTolerationChange(makePod('p').obj(), undefined, c.newPod), c.want);
  });
}
