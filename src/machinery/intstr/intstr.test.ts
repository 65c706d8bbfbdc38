import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIntOrString, percentValue, scaledValueFromIntOrPercent, type IntOrString } from './intstr.js';

const scaled: { v: IntOrString; total: number; up: boolean; want: number }[] = [
  { v: 2, total: 10, up: true, want: 2 },
  { v: '25%', total: 10, up: true, want: 3 },
  { v: '25%', total: 10, up: false, want: 2 },
  { v: '100%', total: 7, up: false, want: 7 },
  { v: '0%', total: 7, up: true, want: 0 },
];
for (const c of scaled) {
  test(`scaledValueFromIntOrPercent(${c.v}, ${c.total}, ${c.up})`, () => {
    assert.equal(scaledValueFromIntOrPercent(c.v, c.total, c.up), c.want);
  });
}

test('scaledValueFromIntOrPercent rejects non-percent strings', () => {
  assert.throws(() => scaledValueFromIntOrPercent('abc', 10, true), /not a percentage/);
  assert.throws(() => scaledValueFromIntOrPercent('x%', 10, true), /invalid value/);
});

const parsed: [string, IntOrString][] = [['80', 80], ['http', 'http'], ['25%', '25%'], ['-1', -1]];
for (const [text, want] of parsed) test(`parseIntOrString(${text})`, () => assert.equal(parseIntOrString(text), want));

test('percentValue', () => {
  assert.equal(percentValue('30%'), 30);
  assert.equal(percentValue('30'), undefined);
  assert.equal(percentValue(30), undefined);
});
