import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CATALOG } from '../../api/catalog.js';
import { PROTOBUF_V2_CONTENT_TYPE, createOpenApiService } from './service.js';

const svc = createOpenApiService(CATALOG, { version: 'v1.30.0' });
const get = (path: string, query = '', headers: Record<string, string> = {}) => {
  const r = svc.handle(path, new URLSearchParams(query), headers);
  assert.ok(r, `no answer for ${path}`);
  return r;
};
const json = (path: string): any => JSON.parse(get(path).body.toString());

test('the v3 index lists every catalog group-version with its content hash', () => {
  const index = json('/openapi/v3');
  const expected = new Set(CATALOG.map((c) => (c.group ? `apis/${c.group}/${c.version}` : `api/${c.version}`)));
  assert.deepEqual(Object.keys(index.paths).sort(), [...expected].sort());
  const url = index.paths['apis/apps/v1'].serverRelativeURL as string;
  const hash = /^\/openapi\/v3\/apis\/apps\/v1\?hash=([0-9A-F]{128})$/.exec(url)?.[1];
  assert.ok(hash, url);
  const doc = get('/openapi/v3/apis/apps/v1');
  assert.equal(createHash('sha512').update(doc.body).digest('hex').toUpperCase(), hash);
  assert.equal(doc.headers.ETag, `"${hash}"`);
});

test('apps/v1 deployments PATCH carries fieldValidation, the GVK object and the patch types', () => {
  const doc = json('/openapi/v3/apis/apps/v1');
  assert.equal(doc.openapi, '3.0.0');
  const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
  assert.deepEqual(patch['x-kubernetes-group-version-kind'], { group: 'apps', version: 'v1', kind: 'Deployment' });
  const names = patch.parameters.map((p: any) => p.name);
  for (const n of ['fieldValidation', 'dryRun', 'fieldManager', 'force']) assert.ok(names.includes(n), n);
  assert.deepEqual(patch.parameters.find((p: any) => p.name === 'fieldValidation').schema, { type: 'string' });
  assert.deepEqual(Object.keys(patch.requestBody.content).sort(), [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/strategic-merge-patch+json', // the schemas carry real patch metadata
  ]);
  const scale = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'].patch;
  assert.deepEqual(scale['x-kubernetes-group-version-kind'], { group: 'autoscaling', version: 'v1', kind: 'Scale' });
});

test('a group-version document is self-contained', () => {
  const doc = json('/openapi/v3/apis/apps/v1');
  const schemas = doc.components.schemas;
  for (const n of ['io.k8s.api.apps.v1.Deployment', 'io.k8s.api.apps.v1.DeploymentList', 'io.k8s.api.autoscaling.v1.Scale',
    'io.k8s.apimachinery.pkg.apis.meta.v1.Status', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
    'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.api.core.v1.PodSpec']) {
    assert.ok(schemas[n], n);
  }
  const missing: string[] = [];
  JSON.stringify(doc, (k, v) => {
    if (k === '$ref' && typeof v === 'string' && !schemas[v.slice('#/components/schemas/'.length)]) missing.push(v);
    return v;
  });
  assert.deepEqual(missing, []);
  const core = json('/openapi/v3/api/v1');
  assert.ok(core.paths['/api/v1/namespaces/{namespace}/pods/{name}/status'].patch);
  assert.ok(core.paths['/api/v1/nodes/{name}'].get);
  assert.equal(core.paths['/api/v1/namespaces/{namespace}'], undefined);
  assert.equal(core.paths['/api/v1/namespaces'].delete, undefined); // namespaces: no deletecollection
});

test('caching: ETag → 304, stale hash → 301, current hash → immutable', () => {
  const first = get('/openapi/v3/api/v1');
  assert.equal(first.headers['Cache-Control'], 'no-cache, private');
  const again = get('/openapi/v3/api/v1', '', { 'if-none-match': first.headers.ETag! });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  const hash = first.headers.ETag!.slice(1, -1);
  assert.equal(get('/openapi/v3/api/v1', `hash=${hash}`).headers['Cache-Control'], 'public, immutable');
  const stale = get('/openapi/v3/api/v1', 'hash=ABC');
  assert.equal(stale.status, 301);
  assert.equal(stale.headers.Location, `/openapi/v3/api/v1?hash=${hash}`);
});

test('/openapi/v2: protobuf (no @ in the type) for kubectl, JSON when only JSON is accepted', () => {
  const pb = get('/openapi/v2', '', { accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' });
  assert.equal(pb.headers['Content-Type'], PROTOBUF_V2_CONTENT_TYPE);
  assert.ok(!PROTOBUF_V2_CONTENT_TYPE.includes('@'));
  assert.deepEqual([...pb.body.subarray(0, 5)], [0x0a, 0x03, 0x32, 0x2e, 0x30]); // field 1: "2.0"
  assert.equal(get('/openapi/v2').headers['Content-Type'], PROTOBUF_V2_CONTENT_TYPE);
  const j = get('/openapi/v2', '', { accept: 'application/json' });
  assert.equal(j.headers['Content-Type'], 'application/json');
  const doc = JSON.parse(j.body.toString());
  assert.equal(doc.swagger, '2.0');
  assert.deepEqual(doc.definitions['io.k8s.api.apps.v1.Deployment'].properties.spec.allOf, [{ $ref: '#/definitions/io.k8s.api.apps.v1.DeploymentSpec' }]);
});

test('paths that are not ours are left to the router', () => {
  assert.equal(svc.handle('/openapi/v3/apis/nope/v1', new URLSearchParams(), {}), undefined);
  assert.equal(svc.handle('/api/v1', new URLSearchParams(), {}), undefined);
});
