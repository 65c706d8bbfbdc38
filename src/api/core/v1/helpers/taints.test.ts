import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint, getMatchingTolerations, toleratesTaint, tolerationsTolerateTaint } from './taints.js';

const taint = (key: string, effect: string, value?: string): Taint => ({ key, effect, ...(value === undefined ? {} : { value }) });

const tolerateCases: { name: string; t: Toleration; taint: Taint; want: boolean }[] = [
  { name: 'Equal (default operator) with the same value', t: { key: 'k', value: 'v' }, taint: taint('k', 'NoSchedule', 'v'), want: true },
  { name: 'Equal with another value', t: { key: 'k', operator: 'Equal', value: 'w' }, taint: taint('k', 'NoSchedule', 'v'), want: false },
  { name: 'Equal with no value tolerates a taint with no value', t: { key: 'k', operator: 'Equal' }, taint: taint('k', 'NoSchedule'), want: true },
  { name: 'Exists ignores the value', t: { key: 'k', operator: 'Exists' }, taint: taint('k', 'NoSchedule', 'v'), want: true },
  { name: 'Exists without a key tolerates every taint', t: { operator: 'Exists' }, taint: taint('any', 'NoExecute', 'v'), want: true },
  { name: 'the effect must match when set', t: { key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint: taint('k', 'NoSchedule'), want: false },
  { name: 'an empty effect matches every effect', t: { key: 'k', operator: 'Exists' }, taint: taint('k', 'PreferNoSchedule'), want: true },
  { name: 'the key must match when set', t: { key: 'other', operator: 'Exists' }, taint: taint('k', 'NoSchedule'), want: false },
  { name: 'an unknown operator tolerates nothing', t: { key: 'k', operator: 'Gt', value: '1' }, taint: taint('k', 'NoSchedule', '1'), want: false },
];
for (const c of tolerateCases) test(`toleratesTaint: ${c.name}`, () => assert.equal(toleratesTaint(c.t, c.taint), c.want));

test('tolerationsTolerateTaint: any toleration is enough; none tolerates nothing', () => {
  const t = taint('k', 'NoSchedule', 'v');
  assert.equal(tolerationsTolerateTaint([{ key: 'x', operator: 'Exists' }, { key: 'k', value: 'v' }], t), true);
  assert.equal(tolerationsTolerateTaint([], t), false);
  assert.equal(tolerationsTolerateTaint(undefined, t), false);
});

const findCases: { name: string; taints: Taint[]; tolerations: Toleration[]; filter?: boolean; want: string | undefined }[] = [
  { name: 'no taints', taints: [], tolerations: [], want: undefined },
  { name: 'the first untolerated taint', taints: [taint('a', 'NoSchedule'), taint('b', 'NoExecute')], tolerations: [{ key: 'a', operator: 'Exists' }], want: 'b' },
  { name: 'every taint tolerated', taints: [taint('a', 'NoSchedule')], tolerations: [{ operator: 'Exists' }], want: undefined },
  { name: 'the filter leaves PreferNoSchedule out', taints: [taint('a', 'PreferNoSchedule')], tolerations: [], filter: true, want: undefined },
  { name: 'without a filter every effect counts', taints: [taint('a', 'PreferNoSchedule')], tolerations: [], want: 'a' },
  { name: 'the filter keeps NoExecute', taints: [taint('a', 'PreferNoSchedule'), taint('b', 'NoExecute')], tolerations: [], filter: true, want: 'b' },
];
for (const c of findCases) {
  test(`findMatchingUntoleratedTaint: ${c.name}`, () => {
    const got = findMatchingUntoleratedTaint(c.taints, c.tolerations, c.filter ? doNotScheduleTaintsFilter : undefined);
    assert.equal(got?.key, c.want);
  });
}

test('getMatchingTolerations: the first toleration per taint, or none when one taint is not tolerated', () => {
  const a: Toleration = { key: 'a', operator: 'Exists', tolerationSeconds: 5 };
  const any: Toleration = { operator: 'Exists' };
  assert.deepEqual(getMatchingTolerations([taint('a', 'NoExecute'), taint('b', 'NoExecute')], [a, any]), { tolerated: true, tolerations: [a, any] });
  assert.deepEqual(getMatchingTolerations([taint('b', 'NoExecute')], [a]), { tolerated: false, tolerations: [] });
  assert.deepEqual(getMatchingTolerations([], []), { tolerated: true, tolerations: [] });
});
