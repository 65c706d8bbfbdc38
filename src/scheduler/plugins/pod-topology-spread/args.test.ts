import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPodTopologySpreadArgs, factory, PodTopologySpread, SYSTEM_DEFAULT_CONSTRAINTS, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './index.js';
import { testHandle } from './testing.js';

test('PodTopologySpreadArgs default to System defaulting', () => {
  assert.deepEqual(defaultPodTopologySpreadArgs(undefined), { defaultConstraints: [], defaultingType: 'System' });
  const pl = factory(undefined, testHandle([], [])) as PodTopologySpread;
  assert.equal(pl.systemDefaulted, true);
  assert.deepEqual(pl.defaultConstraints, [
    { topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
    { topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
  ]);
  assert.equal(pl.defaultConstraints, SYSTEM_DEFAULT_CONSTRAINTS);
});

const cases: { name: string; args: PodTopologySpreadArgs; want: string[] }[] = [
  { name: 'List with no constraints', args: { defaultingType: 'List' }, want: [] },
  {
    name: 'System with constraints',
    args: { defaultingType: 'System', defaultConstraints: [{ maxSkew: 1, topologyKey: 'key', whenUnsatisfiable: 'DoNotSchedule' }] },
    want: ['defaultingType: Invalid value: "System": when .defaultConstraints are not empty'],
  },
  {
    name: 'unknown defaulting type',
    args: { defaultingType: 'Other' as 'List' },
    want: ['defaultingType: Unsupported value: "Other": supported values: "List", "System"'],
  },
  {
    name: 'bad constraints',
    args: {
      defaultingType: 'List',
      defaultConstraints: [
        { maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'Maybe' },
        { maxSkew: 1, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { a: 'b' } } },
        { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    },
    want: [
      'defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)',
      'defaultConstraints[0].topologyKey: Required value: can not be empty',
      'defaultConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"',
      'defaultConstraints[1].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
      'defaultConstraints[2]: Duplicate value: "{node, DoNotSchedule}"',
    ],
  },
];

for (const c of cases) {
  test(`validatePodTopologySpreadArgs: ${c.name}`, () => {
    assert.deepEqual(validatePodTopologySpreadArgs(defaultPodTopologySpreadArgs(c.args)), c.want);
  });
}

test('the factory rejects invalid args', () => {
  assert.throws(() => factory({ defaultingType: 'System', defaultConstraints: [{ maxSkew: 1, topologyKey: 'k', whenUnsatisfiable: 'DoNotSchedule' }] }, testHandle([], [])), /PodTopologySpreadArgs: defaultingType/);
});
