import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDepth, decodeBody } from './body.js';
import { isStatusError } from '../../machinery/errors/status.js';

const code = (n: number) => (e: unknown) => isStatusError(e) && e.code === n;

test('JSON and YAML bodies decode to the same object', () => {
  const json = decodeBody('application/json', Buffer.from('{"a":{"b":[1,2]}}'));
  const yaml = decodeBody('application/yaml', Buffer.from('a:\n  b: [1, 2]\n'));
  assert.deepEqual(json, { a: { b: [1, 2] } });
  assert.deepEqual(yaml, json);
});

test('malformed JSON and YAML are 400', () => {
  assert.throws(() => decodeBody('application/json', Buffer.from('{"a":')), code(400));
  assert.throws(() => decodeBody('application/yaml', Buffer.from('a: [1, 2\n')), code(400));
});

test('a YAML alias bomb is refused quickly', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const started = Date.now();
  assert.throws(() => decodeBody('application/yaml', Buffer.from(lines.join('\n'))), code(400));
  assert.ok(Date.now() - started < 2000);
});

test('10,000-deep nesting is 400, not a stack overflow', () => {
  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  assert.throws(() => decodeBody('application/json', Buffer.from(deep)), code(400));
  assert.doesNotThrow(() => checkDepth({ a: { b: { c: 1 } } }));
});

test('unsupported content types are 415, empty bodies 400', () => {
  assert.throws(() => decodeBody('text/plain', Buffer.from('x')), code(415));
  assert.throws(() => decodeBody('application/json', Buffer.alloc(0)), code(400));
});
