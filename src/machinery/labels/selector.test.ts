import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector } from './parser.js';
import { everything, nothing, selectorFromSet } from './selector.js';
import { formatLabels } from './format.js';

const labels = { app: 'web', tier: 'front', n: '7' };

const cases: Array<[string, Record<string, string>, boolean]> = [
  ['', labels, true],
  ['app=web', labels, true],
  ['app==web', labels, true],
  ['app=db', labels, false],
  ['app!=db', labels, true],
  ['app!=web', labels, false],
  ['missing!=x', labels, true],
  ['app', labels, true],
  ['missing', labels, false],
  ['!missing', labels, true],
  ['!app', labels, false],
  ['tier in (front,back)', labels, true],
  ['tier in (back)', labels, false],
  ['missing in (a)', labels, false],
  ['tier notin (back)', labels, true],
  ['tier notin (front)', labels, false],
  ['missing notin (a)', labels, true],
  ['app=web,tier=front', labels, true],
  ['app=web,tier=back', labels, false],
  ['n>5', labels, true],
  ['n<5', labels, false],
  ['app>5', labels, false],
  ['missing=', labels, false],
  ['empty=', { empty: '' }, true],
];

for (const [sel, ls, want] of cases) {
  test(`${JSON.stringify(sel)} matches ${JSON.stringify(ls)} = ${want}`, () => {
    assert.equal(parseSelector(sel).matches(ls), want);
  });
}

test('everything and nothing', () => {
  assert.equal(everything().matches({}), true);
  assert.equal(everything().isEverything(), true);
  assert.equal(nothing().matches({}), false);
  assert.equal(nothing().matches(undefined), false);
  assert.equal(nothing().toString(), '');
});

test('selectorFromSet and requiresExactMatch', () => {
  const s = selectorFromSet({ b: '2', a: '1' });
  assert.equal(s.toString(), 'a=1,b=2');
  assert.equal(s.requiresExactMatch('b'), '2');
  assert.equal(s.requiresExactMatch('c'), undefined);
  assert.equal(selectorFromSet({}).isEverything(), true);
});

const formatCases: Array<[Record<string, string> | undefined, string]> = [
  [undefined, '<none>'],
  [{}, '<none>'],
  [{ b: '2', a: '1' }, 'a=1,b=2'],
];
for (const [input, want] of formatCases) {
  test(`formatLabels ${JSON.stringify(input)}`, () => assert.equal(formatLabels(input), want));
}
