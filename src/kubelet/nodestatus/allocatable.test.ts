import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allocatableOf, type Reservations } from './allocatable.js';
import { DEFAULT_EVICTION_HARD, thresholdAmount } from './thresholds.js';

const capacity = { cpu: '2', memory: '8141900Ki', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' };

const cases: { name: string; r: Reservations; want: Record<string, string> }[] = [
  {
    name: 'upstream defaults: memory − 100Mi, ephemeral-storage − 10 %',
    r: { evictionHard: DEFAULT_EVICTION_HARD },
    want: { cpu: '2', memory: '8039500Ki', pods: '110', 'ephemeral-storage': '90Gi', 'hugepages-2Mi': '0' },
  },
  {
    name: 'kube-reserved and system-reserved add up',
    r: { kubeReserved: { cpu: '100m', memory: '100Mi' }, systemReserved: { cpu: '150m', 'ephemeral-storage': '10Gi' }, evictionHard: {} },
    want: { cpu: '1750m', memory: '8039500Ki', pods: '110', 'ephemeral-storage': '90Gi', 'hugepages-2Mi': '0' },
  },
  {
    name: 'never below zero',
    r: { kubeReserved: { cpu: '3' }, evictionHard: { 'memory.available': '100Gi' } },
    want: { cpu: '0', memory: '0', pods: '110', 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' },
  },
];
for (const tc of cases) {
  test(`allocatableOf: ${tc.name}`, () => assert.deepEqual(allocatableOf(capacity, tc.r), tc.want));
}

const thresholds: [string, string | undefined, number, number | undefined][] = [
  ['quantity', '100Mi', 1e12, 100 * 1024 * 1024],
  ['percentage of capacity, rounded up', '10%', 1001, 101],
  ['fractional percentage', '0.5%', 1000, 5],
  ['no threshold', undefined, 1000, undefined],
];
for (const [name, value, cap, want] of thresholds) {
  test(`thresholdAmount: ${name}`, () => {
    assert.equal(thresholdAmount(value === undefined ? {} : { 'memory.available': value }, 'memory.available', cap), want);
  });
}

test('thresholdAmount: garbage is an error, not a silent zero', () => {
  assert.throws(() => thresholdAmount({ 'memory.available': 'lots' }, 'memory.available', 1), /invalid eviction threshold memory.available<lots/);
});
