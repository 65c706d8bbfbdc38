import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSupportedFields, nameFromSelector, parseFieldSelector } from './selector.js';
import { escapeValue, unescapeValue } from './escape.js';
import { isBadRequestStatus } from '../errors/status.js';

const pod = { 'metadata.name': 'web-1', 'metadata.namespace': 'default', 'status.phase': 'Running', 'spec.nodeName': '' };

const cases: Array<[string, string, boolean]> = [
  ['', '', true],
  ['metadata.name=web-1', 'metadata.name=web-1', true],
  ['metadata.name==web-1', 'metadata.name=web-1', true],
  ['metadata.name!=web-1', 'metadata.name!=web-1', false],
  ['status.phase!=Failed,metadata.name=web-1', 'metadata.name=web-1,status.phase!=Failed', true],
  ['status.phase=Pending', 'status.phase=Pending', false],
  ['spec.nodeName=', 'spec.nodeName=', true],
  ['spec.nodeName!=', 'spec.nodeName!=', false],
  ['missing=', 'missing=', true],
  ['a=b\\,c', 'a=b\\,c', false],
];

for (const [input, str, match] of cases) {
  test(`field selector ${JSON.stringify(input)}`, () => {
    const sel = parseFieldSelector(input);
    assert.equal(sel.toString(), str);
    assert.equal(sel.matches(pod), match);
  });
}

test('escaped values round-trip and match', () => {
  const sel = parseFieldSelector('metadata.name=a\\,b\\=c\\\\d');
  assert.equal(sel.requirements[0]!.value, 'a,b=c\\d');
  assert.equal(sel.matches({ 'metadata.name': 'a,b=c\\d' }), true);
  assert.equal(escapeValue('a,b=c\\d'), 'a\\,b\\=c\\\\d');
  assert.equal(unescapeValue(escapeValue('x=,\\')), 'x=,\\');
});

const errors: Array<[string, string]> = [
  ['metadata.name', "invalid selector: 'metadata.name'; can't understand 'metadata.name'"],
  ['a=b,c', "invalid selector: 'a=b,c'; can't understand 'c'"],
  ['a,,=b', "invalid selector: 'a,,=b'; can't understand 'a'"],
  ['a=b=c', 'invalid field selector: unescaped character in value: ='],
  ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
];
for (const [input, want] of errors) {
  test(`field selector error ${JSON.stringify(input)}`, () => {
    assert.throws(
      () => parseFieldSelector(input),
      (e: Error) => isBadRequestStatus(e) && e.message === want,
    );
  });
}

test('requiredFields and checkSupportedFields', () => {
  const sel = parseFieldSelector('spec.nodeName=n1,metadata.name=x,spec.nodeName!=n2');
  assert.deepEqual(sel.requiredFields(), ['metadata.name', 'spec.nodeName']);
  assert.doesNotThrow(() => checkSupportedFields(sel, ['metadata.name', 'spec.nodeName']));
  assert.throws(
    () => checkSupportedFields(sel, ['metadata.name']),
    (e: Error) => isBadRequestStatus(e) && e.message === 'field label not supported: spec.nodeName',
  );
});

const nameCases: Array<[string, string | undefined]> = [
  ['metadata.name=web', 'web'],
  ['metadata.name==web,status.phase=Running', 'web'],
  ['metadata.name!=web', undefined],
  ['', undefined],
];
for (const [input, want] of nameCases) {
  test(`nameFromSelector ${JSON.stringify(input)}`, () => assert.equal(nameFromSelector(parseFieldSelector(input)), want));
}
