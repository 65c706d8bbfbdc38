import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, NodeSelector, NodeSelectorRequirement, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import { NodeSelectorMatcher, PreferredSchedulingTerms, getRequiredNodeAffinity, matchNodeSelectorTerms } from './node-affinity.js';

const node = (name: string, labels: Record<string, string> = {}): Node => ({ metadata: { name, labels } });
const expr = (key: string, operator: string, values?: string[]): NodeSelectorRequirement => ({ key, operator, ...(values ? { values } : {}) });
const sel = (...terms: { e?: NodeSelectorRequirement[]; f?: NodeSelectorRequirement[] }[]): NodeSelector => ({
  nodeSelectorTerms: terms.map((t) => ({ ...(t.e ? { matchExpressions: t.e } : {}), ...(t.f ? { matchFields: t.f } : {}) })),
});

const matchCases: { name: string; sel: NodeSelector; node: Node; want: boolean }[] = [
  { name: 'In matches a listed value', sel: sel({ e: [expr('zone', 'In', ['a', 'b'])] }), node: node('n', { zone: 'b' }), want: true },
  { name: 'In needs the label', sel: sel({ e: [expr('zone', 'In', ['a'])] }), node: node('n'), want: false },
  { name: 'NotIn matches a missing label', sel: sel({ e: [expr('zone', 'NotIn', ['a'])] }), node: node('n'), want: true },
  { name: 'NotIn rejects a listed value', sel: sel({ e: [expr('zone', 'NotIn', ['a'])] }), node: node('n', { zone: 'a' }), want: false },
  { name: 'Exists', sel: sel({ e: [expr('gpu', 'Exists')] }), node: node('n', { gpu: '' }), want: true },
  { name: 'DoesNotExist', sel: sel({ e: [expr('gpu', 'DoesNotExist')] }), node: node('n', { gpu: '' }), want: false },
  { name: 'Gt compares integers', sel: sel({ e: [expr('gen', 'Gt', ['4'])] }), node: node('n', { gen: '10' }), want: true },
  { name: 'Gt is strict', sel: sel({ e: [expr('gen', 'Gt', ['4'])] }), node: node('n', { gen: '4' }), want: false },
  { name: 'Lt compares integers', sel: sel({ e: [expr('gen', 'Lt', ['4'])] }), node: node('n', { gen: '-1' }), want: true },
  { name: 'Gt with a non-integer label value does not match', sel: sel({ e: [expr('gen', 'Gt', ['4'])] }), node: node('n', { gen: '5x' }), want: false },
  { name: 'Gt with two values is invalid and matches nothing', sel: sel({ e: [expr('gen', 'Gt', ['4', '5'])] }), node: node('n', { gen: '9' }), want: false },
  { name: 'In without values is invalid and matches nothing', sel: sel({ e: [expr('zone', 'In', [])] }), node: node('n', { zone: 'a' }), want: false },
  { name: 'Exists with values is invalid', sel: sel({ e: [expr('zone', 'Exists', ['a'])] }), node: node('n', { zone: 'a' }), want: false },
  { name: 'an unknown operator is invalid', sel: sel({ e: [expr('zone', 'Equals', ['a'])] }), node: node('n', { zone: 'a' }), want: false },
  {
    name: 'expressions in a term are ANDed',
    sel: sel({ e: [expr('zone', 'In', ['a']), expr('disk', 'In', ['ssd'])] }),
    node: node('n', { zone: 'a', disk: 'hdd' }),
    want: false,
  },
  {
    name: 'terms are ORed',
    sel: sel({ e: [expr('zone', 'In', ['b'])] }, { e: [expr('zone', 'In', ['a'])] }),
    node: node('n', { zone: 'a' }),
    want: true,
  },
  {
    name: 'an invalid term does not stop a valid one from matching',
    sel: sel({ e: [expr('zone', 'In', [])] }, { e: [expr('zone', 'In', ['a'])] }),
    node: node('n', { zone: 'a' }),
    want: true,
  },
  { name: 'a term with no requirements matches nothing', sel: { nodeSelectorTerms: [{}] }, node: node('n'), want: false },
  { name: 'no terms match nothing', sel: { nodeSelectorTerms: [] }, node: node('n'), want: false },
  { name: 'matchFields metadata.name In', sel: sel({ f: [expr('metadata.name', 'In', ['n1'])] }), node: node('n1'), want: true },
  { name: 'matchFields metadata.name In another node', sel: sel({ f: [expr('metadata.name', 'In', ['n2'])] }), node: node('n1'), want: false },
  { name: 'matchFields metadata.name NotIn', sel: sel({ f: [expr('metadata.name', 'NotIn', ['n2'])] }), node: node('n1'), want: true },
  { name: 'matchFields In with two values is invalid', sel: sel({ f: [expr('metadata.name', 'In', ['n1', 'n2'])] }), node: node('n1'), want: false },
  { name: 'matchFields Exists is invalid', sel: sel({ f: [expr('metadata.name', 'Exists')] }), node: node('n1'), want: false },
  {
    name: 'matchFields and matchExpressions are ANDed',
    sel: sel({ e: [expr('zone', 'In', ['a'])], f: [expr('metadata.name', 'In', ['n1'])] }),
    node: node('n1', { zone: 'b' }),
    want: false,
  },
  { name: 'a field other than metadata.name reads as empty', sel: sel({ f: [expr('spec.podCIDR', 'In', ['x'])] }), node: node('n1'), want: false },
];
for (const c of matchCases) test(`NodeSelectorMatcher: ${c.name}`, () => assert.equal(matchNodeSelectorTerms(c.node, c.sel), c.want));

test('NodeSelectorMatcher: labels alone skip field requirements (PV node affinity)', () => {
  const m = NodeSelectorMatcher.parse(sel({ e: [expr('zone', 'In', ['a'])], f: [expr('metadata.name', 'In', ['other'])] }));
  assert.equal(m.matchLabels({ zone: 'a' }), true);
  assert.equal(m.matchLabels({ zone: 'a' }, 'n1'), false);
});

test('NodeSelectorMatcher: lazy parse keeps the errors with their paths; strict parse throws', () => {
  const bad = sel({ e: [expr('zone', 'In', ['a'])] }, { e: [expr('zone', 'Bogus')], f: [expr('metadata.name', 'In', [])] });
  const m = NodeSelectorMatcher.parse(bad);
  assert.deepEqual(m.errors, [
    'nodeSelectorTerms[1].matchExpressions[0].operator: Unsupported value: "Bogus"',
    'nodeSelectorTerms[1].matchFields[0].values: Invalid value: []: must have one element',
  ]);
  assert.throws(() => NodeSelectorMatcher.parseStrict(bad), /^Error: \[nodeSelectorTerms\[1\]/);
  assert.doesNotThrow(() => NodeSelectorMatcher.parseStrict(sel({ e: [expr('zone', 'In', ['a'])] })));
});

const pod = (spec: Partial<NonNullable<Pod['spec']>>): Pod => ({ metadata: { name: 'p' }, spec: { containers: [], ...spec } });
const requiredCases: { name: string; pod: Pod; node: Node; want: boolean }[] = [
  { name: 'no constraints match every node', pod: pod({}), node: node('n'), want: true },
  { name: 'nodeSelector matches exact values', pod: pod({ nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'ssd', x: 'y' }), want: true },
  { name: 'nodeSelector mismatch', pod: pod({ nodeSelector: { disk: 'ssd' } }), node: node('n', { disk: 'hdd' }), want: false },
  { name: 'nodeSelector with an empty value needs the label', pod: pod({ nodeSelector: { gpu: '' } }), node: node('n'), want: false },
  {
    name: 'nodeSelector and affinity are ANDed',
    pod: pod({
      nodeSelector: { disk: 'ssd' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: sel({ e: [expr('zone', 'In', ['a'])] }) } },
    }),
    node: node('n', { disk: 'ssd', zone: 'b' }),
    want: false,
  },
  {
    name: 'required affinity alone',
    pod: pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: sel({ e: [expr('zone', 'In', ['a'])] }) } } }),
    node: node('n', { zone: 'a' }),
    want: true,
  },
  {
    name: 'preferred terms do not constrain',
    pod: pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [expr('zone', 'In', ['a'])] } }] } } }),
    node: node('n', { zone: 'b' }),
    want: true,
  },
];
for (const c of requiredCases) test(`RequiredNodeAffinity: ${c.name}`, () => assert.equal(getRequiredNodeAffinity(c.pod).match(c.node), c.want));

const pref = (weight: number, ...e: NodeSelectorRequirement[]): PreferredSchedulingTerm => ({ weight, preference: { matchExpressions: e } });
const scoreCases: { name: string; terms: PreferredSchedulingTerm[]; node: Node; want: number }[] = [
  { name: 'no terms score 0', terms: [], node: node('n'), want: 0 },
  { name: 'matching weights add up', terms: [pref(2, expr('a', 'Exists')), pref(3, expr('b', 'Exists')), pref(5, expr('c', 'Exists'))], node: node('n', { a: '', c: '' }), want: 7 },
  { name: 'weight 0 is ignored', terms: [pref(0, expr('a', 'Exists'))], node: node('n', { a: '' }), want: 0 },
  { name: 'an empty preference is ignored', terms: [{ weight: 4, preference: {} }], node: node('n'), want: 0 },
  {
    name: 'matchFields count too',
    terms: [{ weight: 9, preference: { matchFields: [expr('metadata.name', 'In', ['n'])] } }],
    node: node('n'),
    want: 9,
  },
];
for (const c of scoreCases) test(`PreferredSchedulingTerms: ${c.name}`, () => assert.equal(PreferredSchedulingTerms.parse(c.terms).score(c.node), c.want));

test('PreferredSchedulingTerms: an invalid term throws', () => {
  assert.throws(() => PreferredSchedulingTerms.parse([pref(1, expr('a', 'Gt', ['x']))]), /\[0\]\.matchExpressions\[0\]\.values\[0\]: Invalid value: "x"/);
});
