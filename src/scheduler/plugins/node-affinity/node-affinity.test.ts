import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, NodeAffinity as NodeAffinitySpec, NodeSelectorRequirement, NodeSelectorTerm, Pod } from 'kubernetes-types/core/v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { ActionType, type Handle, type NodeScore } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { NodeInfo } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_REASON_CONFLICT, ERR_REASON_ENFORCED, ERR_REASON_POD, factory, NAME, NodeAffinity } from './index.js';

const handle = {} as Handle;
const plugin = (addedAffinity?: NodeAffinitySpec): NodeAffinity =>
  factory(addedAffinity ? { addedAffinity } : undefined, handle) as NodeAffinity;

const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const name = (op: string, ...values: string[]): NodeSelectorRequirement => expr('metadata.name', op, values);
/** A pod whose required node affinity has these terms. */
const withTerms = (...terms: NodeSelectorTerm[]): Pod => {
  const p = makePod('p').obj();
  p.spec!.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
  return p;
};

interface FilterCase {
  name: string;
  pod: Pod;
  node: Node;
  added?: NodeAffinitySpec;
  /** The PreFilter code when it is not Success. */
  preFilter?: Code;
  code: Code;
  reasons?: string[];
}

const ok = Code.Success;
const no = Code.UnschedulableAndUnresolvable;
const filterCases: FilterCase[] = [
  { name: 'no selector and no affinity: PreFilter skips', pod: makePod('p').obj(), node: makeNode('n1').obj(), preFilter: Code.Skip, code: ok },
  { name: 'nodeSelector matches', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), node: makeNode('n1').label('foo', 'bar').obj(), code: ok },
  { name: 'nodeSelector does not match', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), node: makeNode('n1').label('foo', 'baz').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'nodeSelector on a node without labels', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), node: makeNode('n1').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'In matches', pod: makePod('p').nodeAffinityIn('foo', ['bar', 'value2']).obj(), node: makeNode('n1').label('foo', 'bar').obj(), code: ok },
  { name: 'NotIn rejects the listed value', pod: makePod('p').nodeAffinityIn('foo', ['bar'], 'NotIn').obj(), node: makeNode('n1').label('foo', 'bar').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'Gt matches a larger integer', pod: makePod('p').nodeAffinityIn('kernel', ['4'], 'Gt').obj(), node: makeNode('n1').label('kernel', '5').obj(), code: ok },
  { name: 'Lt does not match a larger integer', pod: makePod('p').nodeAffinityIn('kernel', ['4'], 'Lt').obj(), node: makeNode('n1').label('kernel', '5').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'Exists', pod: withTerms({ matchExpressions: [expr('gpu', 'Exists')] }), node: makeNode('n1').label('gpu', 'a100').obj(), code: ok },
  { name: 'DoesNotExist', pod: withTerms({ matchExpressions: [expr('gpu', 'DoesNotExist')] }), node: makeNode('n1').label('gpu', 'a100').obj(), code: no, reasons: [ERR_REASON_POD] },
  {
    name: 'nodeSelector and affinity must both match',
    pod: makePod('p').nodeSelector({ foo: 'bar' }).nodeAffinityIn('zone', ['a']).obj(),
    node: makeNode('n1').label('foo', 'bar').label('zone', 'b').obj(),
    code: no,
    reasons: [ERR_REASON_POD],
  },
  {
    name: 'terms are ORed',
    pod: makePod('p').nodeAffinityIn('zone', ['a']).nodeAffinityIn('zone', ['b']).obj(),
    node: makeNode('n1').label('zone', 'b').obj(),
    code: ok,
  },
  { name: 'a term with no requirements matches nothing', pod: withTerms({}), node: makeNode('n1').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'no terms match nothing', pod: withTerms(), node: makeNode('n1').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'an invalid term matches nothing', pod: withTerms({ matchExpressions: [expr('foo', 'In', [])] }), node: makeNode('n1').label('foo', '').obj(), code: no, reasons: [ERR_REASON_POD] },
  { name: 'matchFields on the node name', pod: withTerms({ matchFields: [name('In', 'n1')] }), node: makeNode('n1').obj(), code: ok },
  { name: 'matchFields on another node name', pod: withTerms({ matchFields: [name('In', 'n2')] }), node: makeNode('n1').obj(), code: no, reasons: [ERR_REASON_POD] },
  {
    name: 'matchFields and matchExpressions in one term are ANDed',
    pod: withTerms({ matchFields: [name('In', 'n1')], matchExpressions: [expr('zone', 'In', ['a'])] }),
    node: makeNode('n1').label('zone', 'b').obj(),
    code: no,
    reasons: [ERR_REASON_POD],
  },
  {
    name: 'addedAffinity must match too',
    pod: makePod('p').obj(),
    node: makeNode('n1').label('zone', 'b').obj(),
    added: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['a'])] }] } },
    code: no,
    reasons: [ERR_REASON_ENFORCED],
  },
  {
    name: 'addedAffinity matches and the pod affinity does not',
    pod: makePod('p').nodeAffinityIn('disk', ['ssd']).obj(),
    node: makeNode('n1').label('zone', 'a').obj(),
    added: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'In', ['a'])] }] } },
    code: no,
    reasons: [ERR_REASON_POD],
  },
];

for (const c of filterCases) {
  test(`NodeAffinity.filter: ${c.name}`, () => {
    const pl = plugin(c.added);
    const state = new CycleState();
    const pre = pl.preFilter(state, c.pod, []);
    assert.equal(pre.status.code, c.preFilter ?? Code.Success);
    if (pre.status.isSkip()) return;
    const s = pl.filter(state, c.pod, new NodeInfo(c.node));
    assert.equal(s.code, c.code);
    assert.deepEqual([...s.reasons], c.reasons ?? []);
    // Without PreFilter (disabled), Filter computes the same verdict.
    assert.equal(pl.filter(new CycleState(), c.pod, new NodeInfo(c.node)).code, c.code);
  });
}

const preFilterCases: { name: string; pod: Pod; code: Code; nodeNames?: string[]; reasons?: string[] }[] = [
  { name: 'matchFields In pins the names', pod: withTerms({ matchFields: [name('In', 'n1', 'n2')] }), code: ok, nodeNames: ['n1', 'n2'] },
  {
    name: 'requirements in a term intersect',
    pod: withTerms({ matchFields: [name('In', 'n1', 'n2'), name('In', 'n2', 'n3')] }),
    code: ok,
    nodeNames: ['n2'],
  },
  { name: 'terms unite', pod: withTerms({ matchFields: [name('In', 'n1')] }, { matchFields: [name('In', 'n3')] }), code: ok, nodeNames: ['n1', 'n3'] },
  { name: 'a term without names pins nothing', pod: withTerms({ matchFields: [name('In', 'n1')] }, { matchExpressions: [expr('zone', 'Exists')] }), code: ok },
  { name: 'NotIn pins nothing', pod: withTerms({ matchFields: [name('NotIn', 'n1')] }), code: ok },
  { name: 'only label expressions pin nothing', pod: makePod('p').nodeAffinityIn('zone', ['a']).obj(), code: ok },
  {
    name: 'disjoint requirements conflict',
    pod: withTerms({ matchFields: [name('In', 'n1'), name('In', 'n2')] }),
    code: no,
    reasons: [ERR_REASON_CONFLICT],
  },
];

for (const c of preFilterCases) {
  test(`NodeAffinity.preFilter: ${c.name}`, () => {
    const { result, status } = plugin().preFilter(new CycleState(), c.pod, []);
    assert.equal(status.code, c.code);
    assert.deepEqual(status.reasons, c.reasons ?? []);
    assert.deepEqual(result?.nodeNames ? [...result.nodeNames].sort() : undefined, c.nodeNames);
  });
}

const pref = (weight: number, key: string, value: string) => ({ weight, preference: { matchExpressions: [expr(key, 'In', [value])] } });
const scoreNodes = [
  makeNode('n1').label('foo', 'bar').obj(),
  makeNode('n2').label('foo', 'bar').label('key', 'value').obj(),
  makeNode('n3').label('foo', 'bar').label('key', 'value').label('az', 'az1').obj(),
];
const scoreCases: { name: string; pod: Pod; added?: NodeAffinitySpec; preScore?: Code; want: number[] }[] = [
  { name: 'no preferred terms: PreScore skips', pod: makePod('p').obj(), preScore: Code.Skip, want: [] },
  { name: 'no node matches', pod: makePod('p').preferredNodeAffinity(2, 'foo', ['nope']).obj(), want: [0, 0, 0] },
  { name: 'every node matches equally', pod: makePod('p').preferredNodeAffinity(2, 'foo', ['bar']).obj(), want: [100, 100, 100] },
  {
    name: 'weights add up and are normalized (2, 6, 11 → 18, 54, 100)',
    pod: makePod('p').preferredNodeAffinity(2, 'foo', ['bar']).preferredNodeAffinity(4, 'key', ['value']).preferredNodeAffinity(5, 'az', ['az1']).obj(),
    want: [18, 54, 100],
  },
  {
    name: 'addedAffinity preferred terms score pods without any',
    pod: makePod('p').obj(),
    added: { preferredDuringSchedulingIgnoredDuringExecution: [pref(5, 'key', 'value')] },
    want: [0, 100, 100],
  },
  {
    name: 'addedAffinity and pod terms add up',
    pod: makePod('p').preferredNodeAffinity(1, 'az', ['az1']).obj(),
    added: { preferredDuringSchedulingIgnoredDuringExecution: [pref(1, 'key', 'value')] },
    want: [0, 50, 100],
  },
];

for (const c of scoreCases) {
  test(`NodeAffinity.score: ${c.name}`, () => {
    const pl = plugin(c.added);
    const state = new CycleState();
    const infos = scoreNodes.map((n) => new NodeInfo(n));
    const s = pl.preScore(state, c.pod, infos);
    assert.equal(s.code, c.preScore ?? Code.Success);
    if (s.isSkip()) return;
    const scores: NodeScore[] = infos.map((ni) => {
      const r = pl.score(state, c.pod, ni);
      assert.equal(r.status.code, Code.Success);
      return { name: ni.name, score: r.score };
    });
    assert.ok(pl.scoreExtensions().normalizeScore(state, c.pod, scores).isSuccess());
    assert.deepEqual(scores.map((x) => x.score), c.want);
  });
}

test('NodeAffinity.preScore: an invalid preferred term is an Error', () => {
  const p = makePod('p').obj();
  p.spec!.affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [expr('a', 'Gt', ['x'])] } }] } };
  assert.equal(plugin().preScore(new CycleState(), p, []).code, Code.Error);
});

test('factory: upstream name; invalid addedAffinity fails', () => {
  assert.equal(plugin().name, NAME);
  assert.equal(NAME, 'NodeAffinity');
  const bad = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('a', 'In', [])] }] } };
  assert.throws(() => plugin(bad), /invalid NodeAffinity args: addedAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]/);
});

const hintCases: { name: string; pod: Pod; old?: Node; cur: Node; added?: NodeAffinitySpec; want: string }[] = [
  { name: 'a new matching node', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), cur: makeNode('n').label('foo', 'bar').obj(), want: 'Queue' },
  { name: 'a new node that does not match', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), cur: makeNode('n').obj(), want: 'QueueSkip' },
  { name: 'a node that starts matching', pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(), old: makeNode('n').obj(), cur: makeNode('n').label('foo', 'bar').obj(), want: 'Queue' },
  {
    name: 'a node that matched before',
    pod: makePod('p').nodeSelector({ foo: 'bar' }).obj(),
    old: makeNode('n').label('foo', 'bar').obj(),
    cur: makeNode('n').label('foo', 'bar').label('x', 'y').obj(),
    want: 'QueueSkip',
  },
  {
    name: 'a node outside addedAffinity',
    pod: makePod('p').obj(),
    cur: makeNode('n').obj(),
    added: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr('zone', 'Exists')] }] } },
    want: 'QueueSkip',
  },
];

for (const c of hintCases) {
  test(`NodeAffinity queueing hint: ${c.name}`, () => {
    const [e] = plugin(c.added).eventsToRegister();
    assert.equal(e!.event.resource, 'Node');
    assert.equal(e!.event.actionType, ActionType.Add | ActionType.UpdateNodeLabel);
    assert.equal(e!.queueingHint!(c.pod, c.old, c.cur), c.want);
  });
}
