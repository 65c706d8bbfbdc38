import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_REASON, factory, NAME, NodeName } from './index.js';

const plugin = factory(undefined, {} as Handle) as NodeName;

const cases: { name: string; pod: Pod; node: Node; code: Code; reasons: string[] }[] = [
  { name: 'no host specified', pod: makePod('p').obj(), node: makeNode('foo').obj(), code: Code.Success, reasons: [] },
  { name: 'host matches', pod: makePod('p').node('foo').obj(), node: makeNode('foo').obj(), code: Code.Success, reasons: [] },
  {
    name: 'host doesn\'t match',
    pod: makePod('p').node('bar').obj(),
    node: makeNode('foo').obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_REASON],
  },
];

test('factory builds NodeName under its upstream name', () => {
  assert.ok(plugin instanceof NodeName);
  assert.equal(plugin.name, NAME);
  assert.equal(NAME, 'NodeName');
  assert.equal(ERR_REASON, "node(s) didn't match the requested node name");
});

for (const c of cases) {
  test(`NodeName.filter: ${c.name}`, () => {
    const s = plugin.filter(new CycleState(), c.pod, new NodeInfo(c.node));
    assert.equal(s.code, c.code);
    assert.deepEqual(s.reasons, c.reasons);
  });
}

const preFilterCases: { name: string; pod: Pod; code: Code; nodeNames?: string[] }[] = [
  { name: 'no node name: skip the filter, every node stays', pod: makePod('p').obj(), code: Code.Skip },
  { name: 'node name: only that node', pod: makePod('p').node('foo').obj(), code: Code.Success, nodeNames: ['foo'] },
];

for (const c of preFilterCases) {
  test(`NodeName.preFilter: ${c.name}`, () => {
    const { result, status } = plugin.preFilter(new CycleState(), c.pod, []);
    assert.equal(status.code, c.code);
    assert.deepEqual(result?.nodeNames ? [...result.nodeNames] : undefined, c.nodeNames);
  });
}

test('NodeName registers node additions', () => {
  assert.deepEqual(
    plugin.eventsToRegister().map((e) => e.event),
    [{ resource: 'Node', actionType: ActionType.Add }],
  );
});
