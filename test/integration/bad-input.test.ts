/** Hostile or malformed requests: each answered with a Status of the right code, and the server keeps serving. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { encodeProtobufBody } from '../../src/apiserver/protobuf/testing.js';
import type { ApiResponse } from './support/api-server.js';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath } from './support/objects.js';

const FIXTURE = fileURLToPath(new URL('../../src/apiserver/protobuf/testdata/configmap.pb.hex', import.meta.url));
const PROTOBUF = { 'Content-Type': 'application/vnd.kubernetes.protobuf' };

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const ids = 'abcdefghi';
  for (let i = 1; i < ids.length; i++) lines.push(`${ids[i]}: &${ids[i]} [${Array(9).fill(`*${ids[i - 1]}`).join(',')}]`);
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${lines.join('\n  ')}\n`;
}

interface Case {
  name: string;
  method?: string;
  path?: (ns: string) => string;
  body: () => string | Buffer | object;
  headers?: Record<string, string>;
  code: number;
  reason?: string;
  message?: RegExp;
  maxMs?: number;
}

const cases: Case[] = [
  { name: 'malformed JSON', body: () => '{"apiVersion": "v1", "kind": ', headers: { 'Content-Type': 'application/json' }, code: 400, reason: 'BadRequest' },
  { name: 'malformed YAML', body: () => 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n  - : :', headers: { 'Content-Type': 'application/yaml' }, code: 400, reason: 'BadRequest' },
  { name: 'YAML alias bomb', body: aliasBomb, headers: { 'Content-Type': 'application/yaml' }, code: 400, reason: 'BadRequest', maxMs: 2000 },
  { name: '10,000-deep JSON nesting', body: () => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, headers: { 'Content-Type': 'application/json' }, code: 400, reason: 'BadRequest' },
  { name: 'a 5 MiB body', body: () => configMap('big', { a: 'x'.repeat(5 * 1024 * 1024) }), code: 413, reason: 'RequestEntityTooLarge' },
  { name: 'an unknown resource path', path: (ns) => nsPath(ns, 'widgets'), body: () => ({ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } }), code: 404, reason: 'NotFound' },
  { name: 'an unknown group', path: (ns) => `/apis/example.com/v1/namespaces/${ns}/widgets`, body: () => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }), code: 404, reason: 'NotFound' },
  { name: 'a kind that does not match the URL', body: () => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'k' } }), code: 400, reason: 'BadRequest', message: /kind/ },
  { name: 'an apiVersion that does not match the URL', body: () => ({ apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'k' } }), code: 400, reason: 'BadRequest' },
  { name: 'a missing apiVersion', body: () => ({ kind: 'ConfigMap', metadata: { name: 'k' } }), code: 400, reason: 'BadRequest', message: /apiVersion/ },
  { name: 'a body that is not an object', body: () => '[1,2,3]', headers: { 'Content-Type': 'application/json' }, code: 400, reason: 'BadRequest' },
  { name: 'an empty body', body: () => '', headers: { 'Content-Type': 'application/json' }, code: 400, reason: 'BadRequest' },
  { name: 'invalid name', body: () => configMap('Bad_Name'), code: 422, reason: 'Invalid' },
  { name: 'invalid name (too long)', body: () => configMap('x'.repeat(254)), code: 422, reason: 'Invalid' },
  {
    name: 'unknown field with fieldValidation=Strict',
    path: (ns) => `${nsPath(ns, 'deployments', undefined, 'apps/v1')}?fieldValidation=Strict`,
    body: () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'strict' }, spec: { bogus: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } }),
    code: 400,
    reason: 'BadRequest',
    message: /strict decoding error: unknown field "spec\.bogus"/,
  },
  { name: 'an unsupported Content-Type', body: () => 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, code: 415, reason: 'UnsupportedMediaType' },
  { name: 'a garbage protobuf body', body: () => Buffer.from('6b387300ffffffff', 'hex'), headers: PROTOBUF, code: 400, reason: 'BadRequest' },
  { name: 'an invalid dryRun value', path: (ns) => `${nsPath(ns, 'configmaps')}?dryRun=Some`, body: () => configMap('dry'), code: 400, reason: 'BadRequest' },
];

describeBackends('bad input', (b) => {
  async function stillServing(ns: string): Promise<void> {
    const res: ApiResponse = await b.server.request('GET', nsPath(ns, 'configmaps'));
    assert.equal(res.status, 200, `server still serving: ${res.text}`);
    assertOk(await b.server.request('GET', '/readyz'));
  }

  for (const c of cases) {
    test(`${c.name} → ${c.code}${c.reason ? ` ${c.reason}` : ''}`, async () => {
      const ns = await b.namespace();
      const started = Date.now();
      const res = await b.server.request(c.method ?? 'POST', c.path ? c.path(ns) : nsPath(ns, 'configmaps'), c.body(), c.headers);
      const took = Date.now() - started;
      const st = assertStatus(res, c.code, c.reason);
      if (c.message) assert.match(st.message, c.message);
      if (c.maxMs) assert.ok(took < c.maxMs, `answered in ${took} ms`);
      assert.equal(names(assertOk(await b.server.request('GET', nsPath(ns, 'configmaps')))).length, 0, 'nothing was stored');
      await stillServing(ns);
    });
  }

  test('unknown field with the default fieldValidation (Warn) → 201 and a Warning header', async () => {
    const ns = await b.namespace();
    const body = { ...configMap('warned'), bogusField: true };
    const res = await b.server.request('POST', nsPath(ns, 'configmaps'), body);
    assertOk(res, 201);
    const warning = String(res.headers['warning'] ?? '');
    assert.match(warning, /^299 - ".*unknown field \\?"bogusField\\?".*"/, `Warning: ${warning}`);
    assert.equal(res.json.bogusField, undefined, 'the unknown field is dropped from the answer (upstream decodes into the typed object)');
    assert.equal(assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'warned'))).bogusField, undefined, 'and is not stored');
    await stillServing(ns);
  });

  const protobufCases = [
    { name: 'encodeProtobufBody', body: () => encodeProtobufBody('v1', 'ConfigMap', 'k8s.io.api.core.v1.ConfigMap', { metadata: { name: 'cm2' }, data: { k: 'v' } }) },
    { name: 'the kubectl hex fixture', body: () => Buffer.from(readFileSync(FIXTURE, 'utf8').trim(), 'hex') },
  ];
  for (const c of protobufCases) {
    test(`a protobuf ConfigMap body (${c.name}) → 201`, async () => {
      const ns = await b.namespace();
      const res = await b.server.request('POST', nsPath(ns, 'configmaps'), c.body(), PROTOBUF);
      const cm = assertOk(res, 201);
      assert.equal(cm.metadata.name, 'cm2');
      assert.deepEqual(cm.data, { k: 'v' });
      assert.equal(assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'cm2'))).data.k, 'v');
    });
  }

  test('many bad requests in parallel, then the server still serves', async () => {
    const ns = await b.namespace();
    const bad = Array.from({ length: 30 }, (_, i) => b.server.request('POST', nsPath(ns, 'configmaps'), `{"broken": ${i}`, { 'Content-Type': 'application/json' }));
    for (const r of await Promise.all(bad)) assertStatus(r, 400, 'BadRequest');
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('fine')), 201);
    await stillServing(ns);
  });
});

function names(list: any): string[] {
  return list.items.map((o: any) => o.metadata.name);
}
