import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeProtobufObject, isProtobufContentType, isProtobufDecodeError } from './index.js';

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/**
 * JSON as kubectl 1.31 sent it, minus what means "absent" to a server: null (`creationTimestamp: null`) and
 * empty strings (`token: ""`), which the decoder drops by design.
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === '') continue;
    out[k] = normalize(v);
  }
  return out;
}

const fixtures = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.pb.hex'))
  .map((f) => f.slice(0, -'.pb.hex'.length));

test('fixtures are present (captured from kubectl 1.33 / 1.31)', () => {
  assert.ok(fixtures.length >= 30, `only ${fixtures.length} fixtures`);
});

for (const name of fixtures) {
  test(`kubectl 1.33 protobuf body decodes to kubectl 1.31's JSON body: ${name}`, () => {
    const body = Buffer.from(readFileSync(join(TESTDATA, `${name}.pb.hex`), 'utf8').trim(), 'hex');
    const json = JSON.parse(readFileSync(join(TESTDATA, `${name}.json`), 'utf8')) as Record<string, unknown>;
    const decoded = decodeProtobufObject(body);
    assert.equal(decoded.apiVersion, json.apiVersion);
    assert.equal(decoded.kind, json.kind);
    assert.deepEqual(decoded.object, normalize(json));
  });
}

/** The bytes of kubectl-wire.md section 2.2, written out by hand. */
function docConfigMapBody(): Buffer {
  const str = (tag: number, s: string) => [tag, s.length, ...Buffer.from(s)];
  const metadata = [...str(0x0a, 'cm2'), 0x12, 0, 0x1a, 0, 0x22, 0, 0x2a, 0, 0x32, 0, 0x38, 0, 0x42, 0];
  const entry = [...str(0x0a, 'k'), ...str(0x12, 'v')];
  const raw = [0x0a, metadata.length, ...metadata, 0x12, entry.length, ...entry];
  const typeMeta = [...str(0x0a, 'v1'), ...str(0x12, 'ConfigMap')];
  const unknown = [0x0a, typeMeta.length, ...typeMeta, 0x12, raw.length, ...raw, 0x1a, 0, 0x22, 0];
  return Buffer.from([0x6b, 0x38, 0x73, 0x00, ...unknown]);
}

test('the configmap body documented in kubectl-wire.md equals the capture and decodes', () => {
  const body = docConfigMapBody();
  assert.equal(body.toString('hex'), readFileSync(join(TESTDATA, 'configmap.pb.hex'), 'utf8').trim());
  assert.deepEqual(decodeProtobufObject(body), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm2' }, data: { k: 'v' } },
  });
});

test('unknown fields in the object and in nested messages are skipped', () => {
  const typeMeta = [0x0a, 2, ...Buffer.from('v1'), 0x12, 9, ...Buffer.from('ConfigMap')];
  // metadata{name "a", field 99 varint 7, field 98 bytes "zz"}, field 50 fixed32, field 51 fixed64, data{k: v}
  const metadata = [0x0a, 1, 0x61, 0x98, 0x06, 7, 0x92, 0x06, 2, 0x7a, 0x7a];
  const raw = [0x0a, metadata.length, ...metadata, 0x95, 0x03, 1, 2, 3, 4, 0x99, 0x03, 1, 2, 3, 4, 5, 6, 7, 8];
  raw.push(0x12, 6, 0x0a, 1, 0x6b, 0x12, 1, 0x76);
  const unknown = [0x0a, typeMeta.length, ...typeMeta, 0x12, raw.length, ...raw];
  const { object } = decodeProtobufObject(Buffer.from([0x6b, 0x38, 0x73, 0, ...unknown]));
  assert.deepEqual(object, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
});

const envelope = (typeMeta: number[], extra: number[] = []) =>
  Buffer.from([0x6b, 0x38, 0x73, 0, 0x0a, typeMeta.length, ...typeMeta, ...extra]);
const tm = (apiVersion: string, kind: string) => [
  0x0a, apiVersion.length, ...Buffer.from(apiVersion), 0x12, kind.length, ...Buffer.from(kind),
];

const errorCases: { name: string; body: Buffer; code: number; message: RegExp }[] = [
  { name: 'empty body', body: Buffer.alloc(0), code: 400, message: /does not start with the Kubernetes protobuf prefix/ },
  { name: 'JSON body', body: Buffer.from('{"kind":"ConfigMap"}'), code: 400, message: /prefix/ },
  { name: 'unsupported kind', body: envelope(tm('v1', 'Foo')), code: 415, message: /^unable to decode protobuf body: unsupported kind "Foo" \(apiVersion "v1"\)/ },
  { name: 'kind in the wrong group', body: envelope(tm('apps/v1', 'ConfigMap')), code: 415, message: /unsupported kind "ConfigMap" \(apiVersion "apps\/v1"\)/ },
  { name: 'no kind', body: envelope(tm('v1', '')), code: 400, message: /names no kind/ },
  { name: 'no apiVersion', body: envelope(tm('', 'ConfigMap')), code: 400, message: /names no apiVersion for kind "ConfigMap"/ },
  { name: 'gzip content encoding', body: envelope(tm('v1', 'ConfigMap'), [0x1a, 4, ...Buffer.from('gzip')]), code: 415, message: /content encoding "gzip"/ },
  { name: 'truncated envelope', body: Buffer.from([0x6b, 0x38, 0x73, 0, 0x0a, 0x20, 0x0a]), code: 400, message: /malformed runtime.Unknown envelope/ },
  { name: 'truncated object', body: envelope(tm('v1', 'ConfigMap'), [0x12, 3, 0x0a, 0x10, 0x0a]), code: 400, message: /malformed ConfigMap message/ },
];

for (const c of errorCases) {
  test(`rejects ${c.name} with ${c.code}`, () => {
    assert.throws(
      () => decodeProtobufObject(c.body),
      (e: unknown) => {
        assert.ok(isProtobufDecodeError(e));
        assert.equal(e.code, c.code);
        assert.equal(e.reason, c.code === 415 ? 'UnsupportedMediaType' : 'BadRequest');
        assert.match(e.message, c.message);
        return true;
      },
    );
  });
}

test('isProtobufContentType', () => {
  assert.ok(isProtobufContentType('application/vnd.kubernetes.protobuf'));
  assert.ok(isProtobufContentType('application/vnd.kubernetes.protobuf; charset=utf-8'));
  assert.ok(!isProtobufContentType('application/json'));
  assert.ok(!isProtobufContentType(undefined));
});
