import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { formatLabelSelector, labelSelectorAsSelector, labelSelectorAsString } from './label-selector.js';

const cases: Array<[string, LabelSelector | undefined, string, Record<string, string>, boolean]> = [
  ['nil selects nothing', undefined, '', { a: 'b' }, false],
  ['empty selects everything', {}, '', { a: 'b' }, true],
  ['matchLabels', { matchLabels: { tier: 'a', app: 'web' } }, 'app=web,tier=a', { app: 'web', tier: 'a' }, true],
  [
    'labels and expressions sorted by key',
    { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] },
    'app=web,tier in (a,b)',
    { app: 'web', tier: 'b' },
    true,
  ],
  ['NotIn', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, 'env notin (prod)', {}, true],
  ['Exists', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, 'env', {}, false],
  ['DoesNotExist', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, '!env', {}, true],
];

for (const [name, ls, str, labels, match] of cases) {
  test(`labelSelectorAsSelector: ${name}`, () => {
    const sel = labelSelectorAsSelector(ls);
    assert.equal(sel.toString(), str);
    assert.equal(labelSelectorAsString(ls), str);
    assert.equal(sel.matches(labels), match);
  });
}

const errorCases: Array<[string, LabelSelector, string]> = [
  ['bad operator', { matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
  ['In without values', { matchExpressions: [{ key: 'a', operator: 'In' }] }, "values set can't be empty"],
  ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values set must be empty'],
  ['bad key', { matchLabels: { 'a b': 'x' } }, 'key: Invalid value: "a b"'],
];

for (const [name, ls, want] of errorCases) {
  test(`labelSelectorAsSelector error: ${name}`, () => {
    assert.throws(() => labelSelectorAsSelector(ls), (e: Error) => e.message.includes(want));
  });
}

const formatCases: Array<[LabelSelector | undefined, string]> = [
  [undefined, '<none>'],
  [{}, '<none>'],
  [{ matchLabels: { app: 'web' } }, 'app=web'],
  [{ matchExpressions: [{ key: 'a', operator: 'Bogus' }] }, '<error>'],
];
for (const [ls, want] of formatCases) {
  test(`formatLabelSelector ${JSON.stringify(ls)}`, () => assert.equal(formatLabelSelector(ls), want));
}
