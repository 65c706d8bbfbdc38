import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, canonicalQuantity, tryParseQuantity } from './quantity.js';

const canonical: [string | number, string][] = [
  ['0', '0'],
  ['0Gi', '0'],
  ['100m', '100m'],
  ['1000m', '1'],
  ['0.1', '100m'],
  ['1.5', '1500m'],
  ['1', '1'],
  ['1000', '1k'],
  ['1500', '1500'],
  ['1.5M', '1500k'],
  ['1k', '1k'],
  ['1Gi', '1Gi'],
  ['1024Mi', '1Gi'],
  ['1536Mi', '1536Mi'],
  ['1.5Gi', '1536Mi'],
  ['0.5Ki', '512'],
  ['1023Ki', '1023Ki'],
  ['1e3', '1e3'],
  ['1E3', '1e3'],
  ['1.5e3', '1500'],
  ['1000e3', '1e6'],
  ['1e-3', '1e-3'],
  ['100e-3', '100e-3'],
  ['0.0000000001', '1n'],
  ['-0.0000000001', '-1n'],
  ['-100m', '-100m'],
  ['+1', '1'],
  ['.5', '500m'],
  ['1E', '1E'],
  ['12Ei', '12Ei'],
  [0.5, '500m'],
  [2, '2'],
];
for (const [input, want] of canonical) {
  test(`canonicalQuantity(${JSON.stringify(input)}) = ${want}`, () => assert.equal(canonicalQuantity(input), want));
}

const invalid: [string, string][] = [
  ['', QUANTITY_FORMAT_ERROR],
  ['abc', QUANTITY_FORMAT_ERROR],
  ['1Gb', QUANTITY_SUFFIX_ERROR],
  ['1.2.3', QUANTITY_SUFFIX_ERROR],
  ['1e', QUANTITY_SUFFIX_ERROR],
  ['1 Gi', QUANTITY_SUFFIX_ERROR],
];
for (const [input, msg] of invalid) {
  test(`Quantity.parse(${JSON.stringify(input)}) fails`, () => {
    assert.throws(() => Quantity.parse(input), (e: Error) => e.message === msg);
    assert.equal(tryParseQuantity(input), undefined);
  });
}

test('value, milliValue and compare', () => {
  assert.equal(Quantity.parse('100m').milliValue(), 100);
  assert.equal(Quantity.parse('100m').value(), 1);
  assert.equal(Quantity.parse('1Ki').value(), 1024);
  assert.equal(Quantity.parse('1').cmp(Quantity.parse('1000m')), 0);
  assert.equal(Quantity.parse('1Gi').cmp(Quantity.parse('1G')), 1);
  assert.equal(Quantity.parse('1').add(Quantity.parse('500m')).toString(), '1500m');
  assert.equal(Quantity.fromMilli(250).toString(), '250m');
});
