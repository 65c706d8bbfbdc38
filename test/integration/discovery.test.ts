/** Discovery (legacy and aggregated), Table output, /metrics, /livez and /readyz. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, configMap, nsPath } from './support/objects.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

describeBackends('discovery and misc', (b) => {
  test('legacy /api and /apis', async () => {
    const api = assertOk(await b.server.request('GET', '/api'));
    assert.equal(api.kind, 'APIVersions');
    assert.deepEqual(api.versions, ['v1']);
    const apis = assertOk(await b.server.request('GET', '/apis'));
    assert.equal(apis.kind, 'APIGroupList');
    const groups = apis.groups.map((g: any) => g.name);
    for (const g of ['apps', 'batch', 'discovery.k8s.io', 'rbac.authorization.k8s.io']) assert.ok(groups.includes(g), `${g} in ${groups}`);
    const v1 = assertOk(await b.server.request('GET', '/api/v1'));
    assert.equal(v1.kind, 'APIResourceList');
    const pods = v1.resources.find((r: any) => r.name === 'pods');
    assert.equal(pods.kind, 'Pod');
    assert.equal(pods.namespaced, true);
    assert.ok(v1.resources.some((r: any) => r.name === 'pods/binding'));
    const apps = assertOk(await b.server.request('GET', '/apis/apps/v1'));
    assert.ok(apps.resources.some((r: any) => r.name === 'deployments/scale'));
  });

  const aggregated = ['v2', 'v2beta1'];
  for (const v of aggregated) {
    for (const path of ['/api', '/apis']) {
      test(`aggregated discovery ${v} at ${path}`, async () => {
        const accept = `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList,application/json`;
        const res = await b.server.request('GET', path, undefined, { Accept: accept });
        assertOk(res);
        assert.equal(res.headers['content-type'], `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`);
        assert.equal(res.json.kind, 'APIGroupDiscoveryList');
        assert.equal(res.json.apiVersion, `apidiscovery.k8s.io/${v}`);
        const names = res.json.items.map((g: any) => g.metadata?.name ?? '');
        if (path === '/api') assert.deepEqual(names, ['']);
        else assert.ok(names.includes('apps') && !names.includes(''), String(names));
        const first = res.json.items[0].versions[0];
        assert.ok(first.resources.length > 0);
        assert.ok(first.resources.every((r: any) => r.resource && r.verbs && r.scope));
      });
    }
  }

  test('Table output with rows[].object as PartialObjectMetadata', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('t1', { a: '1', b: '2' })), 201);
    const res = await b.server.request('GET', nsPath(ns, 'configmaps'), undefined, { Accept: TABLE });
    const table = assertOk(res);
    assert.equal(table.kind, 'Table');
    assert.equal(table.apiVersion, 'meta.k8s.io/v1');
    const cols = table.columnDefinitions.map((c: any) => c.name);
    assert.equal(cols[0], 'Name');
    assert.equal(table.rows.length, 1);
    const row = table.rows[0];
    assert.equal(row.cells[0], 't1');
    assert.equal(row.cells.length, cols.length);
    assert.equal(row.object.kind, 'PartialObjectMetadata');
    assert.equal(row.object.apiVersion, 'meta.k8s.io/v1');
    assert.equal(row.object.metadata.name, 't1');
    assert.equal(row.object.data, undefined);
    const one = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 't1'), undefined, { Accept: TABLE }));
    assert.equal(one.kind, 'Table');
    assert.equal(one.rows.length, 1);
  });

  test('/metrics exposes the apiserver metrics', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('GET', nsPath(ns, 'configmaps')));
    const res = await b.server.request('GET', '/metrics', undefined, { Accept: 'text/plain' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    for (const m of ['apiserver_request_total', 'apiserver_request_duration_seconds', 'apiserver_current_inflight_requests', 'apiserver_storage_objects']) {
      assert.match(res.text, new RegExp(`^${m}`, 'm'), m);
    }
    assert.match(res.text, /apiserver_request_total\{[^}]*verb="LIST"[^}]*resource="configmaps"[^}]*code="200"[^}]*\} [1-9]/);
    assert.match(res.text, /apiserver_storage_objects\{resource="namespaces"\} [1-9]/);
  });

  const health = ['/livez', '/readyz', '/healthz'];
  for (const path of health) {
    test(`${path} and ${path}?verbose`, async () => {
      const plain = await b.server.request('GET', path, undefined, { Accept: '*/*' });
      assert.equal(plain.status, 200);
      assert.equal(plain.text, 'ok');
      const verbose = await b.server.request('GET', `${path}?verbose`, undefined, { Accept: '*/*' });
      assert.equal(verbose.status, 200);
      assert.match(verbose.text, /^\[\+\]ping ok$/m);
      assert.match(verbose.text, /^\[\+\]etcd ok$/m);
      assert.match(verbose.text, new RegExp(`${path.slice(1)} check passed`));
    });
  }

  test('/version', async () => {
    const v = assertOk(await b.server.request('GET', '/version'));
    assert.match(v.gitVersion, /^v\d+\.\d+\.\d+/);
  });
});
