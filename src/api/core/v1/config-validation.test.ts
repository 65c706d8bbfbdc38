import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1.js';
import { errorMessage, type ErrorList } from '../../../machinery/validation/field.js';
import { newInvalid } from '../../../machinery/errors/status.js';
import { toCauses } from '../../../machinery/validation/field.js';
import { defaultSecret } from './defaults.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config-validation.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);
const meta = { name: 'c', namespace: 'default' };
const b64 = (s: string): string => Buffer.from(s).toString('base64');

const configMaps: { name: string; cm: ConfigMap; want: string[] }[] = [
  { name: 'valid', cm: { metadata: meta, data: { 'app.properties': 'a=b' } }, want: [] },
  { name: 'exactly 1 MiB', cm: { metadata: meta, data: { k: 'x'.repeat(1048576) } }, want: [] },
  { name: 'over 1 MiB', cm: { metadata: meta, data: { k: 'x'.repeat(1048577) } }, want: ['[]: Too long: must have at most 1048576 bytes'] },
  { name: 'data and binaryData add up', cm: { metadata: meta, data: { a: 'x'.repeat(1048576) }, binaryData: { b: b64('y') } }, want: ['[]: Too long: must have at most 1048576 bytes'] },
  { name: 'bad key', cm: { metadata: meta, data: { 'a b': 'x' } }, want: [
    `data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  ] },
  { name: 'key in both', cm: { metadata: meta, data: { a: 'x' }, binaryData: { a: b64('x') } }, want: [
    'data[a]: Invalid value: "a": duplicate of key present in binaryData',
    'binaryData[a]: Invalid value: "a": duplicate of key present in data',
  ] },
];
for (const c of configMaps) test(`validateConfigMap: ${c.name}`, () => assert.deepEqual(summary(validateConfigMap(c.cm)), c.want));

test('the 1 MiB error reads as upstream in a 422', () => {
  const errs = validateConfigMap({ metadata: meta, data: { k: 'x'.repeat(1048577) } });
  const err = newInvalid({ group: '', kind: 'ConfigMap' }, 'c', toCauses(errs));
  assert.equal(err.status.message, 'ConfigMap "c" is invalid: []: Too long: must have at most 1048576 bytes');
  assert.equal(err.code, 422);
});

test('immutable configmap rejects data changes and unsetting immutable', () => {
  const old: ConfigMap = { metadata: meta, data: { a: '1' }, immutable: true };
  assert.deepEqual(summary(validateConfigMapUpdate({ ...old, data: { a: '2' } }, old)), ['data: Forbidden: field is immutable when `immutable` is set']);
  assert.deepEqual(summary(validateConfigMapUpdate({ ...old, immutable: false }, old)), ['immutable: Forbidden: field is immutable when `immutable` is set']);
});

const folds: { name: string; secret: Secret & { stringData?: Record<string, string> }; want: Secret }[] = [
  { name: 'stringData only', secret: { metadata: meta, stringData: { user: 'admin' } }, want: { metadata: meta, type: 'Opaque', data: { user: b64('admin') } } },
  {
    name: 'stringData wins over data',
    secret: { metadata: meta, type: 'Opaque', data: { user: b64('old'), pw: b64('x') }, stringData: { user: 'new' } },
    want: { metadata: meta, type: 'Opaque', data: { user: b64('new'), pw: b64('x') } },
  },
];
for (const c of folds) {
  test(`defaultSecret: ${c.name}`, () => {
    const s = structuredClone(c.secret);
    defaultSecret(s);
    assert.deepEqual(s, c.want);
  });
}

const secrets: { name: string; secret: Secret; want: string[] }[] = [
  { name: 'tls missing keys', secret: { metadata: meta, type: 'kubernetes.io/tls', data: {} }, want: ['data[tls.key]: Required value', 'data[tls.crt]: Required value'] },
  { name: 'basic-auth with username', secret: { metadata: meta, type: 'kubernetes.io/basic-auth', data: { username: b64('u') } }, want: [] },
  { name: 'dockerconfigjson not json', secret: { metadata: meta, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{') } }, want: [
    'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": ' + (() => { try { JSON.parse('{'); return ''; } catch (e) { return (e as Error).message; } })(),
  ] },
  { name: 'too large', secret: { metadata: meta, type: 'Opaque', data: { k: b64('x'.repeat(1048577)) } }, want: ['data: Too long: must have at most 1048576 bytes'] },
];
for (const c of secrets) test(`validateSecret: ${c.name}`, () => assert.deepEqual(summary(validateSecret(c.secret)), c.want));

test('secret type is immutable', () => {
  const old: Secret = { metadata: meta, type: 'Opaque', data: {} };
  assert.deepEqual(summary(validateSecretUpdate({ ...old, type: 'foo/bar' }, old)), ['type: Invalid value: "foo/bar": field is immutable']);
});
