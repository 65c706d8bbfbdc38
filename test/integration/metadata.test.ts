/** System metadata: uid, creationTimestamp, generation, generateName, resourceVersion on writes and no-ops. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, configMap, deployment, nsPath } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeBackends('metadata', (b) => {
  test('create sets uid and creationTimestamp, ignoring client values', async () => {
    const ns = await b.namespace();
    const before = Date.now();
    const body = { ...configMap('m'), metadata: { name: 'm', uid: 'client-uid', creationTimestamp: '2001-01-01T00:00:00Z', resourceVersion: '' } };
    const cm = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), body), 201);
    assert.match(cm.metadata.uid, UUID);
    assert.match(cm.metadata.creationTimestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(Date.parse(cm.metadata.creationTimestamp) >= Math.floor(before / 1000) * 1000, cm.metadata.creationTimestamp);
    assert.ok(cm.metadata.resourceVersion, 'resourceVersion set');
    const got = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'm')));
    assert.equal(got.metadata.uid, cm.metadata.uid);
    assert.equal(got.metadata.resourceVersion, cm.metadata.resourceVersion);
  });

  test('generation starts at 1 and is bumped by spec changes only', async () => {
    const ns = await b.namespace();
    const path = nsPath(ns, 'deployments', 'g', 'apps/v1');
    const d = assertOk(await b.server.request('POST', nsPath(ns, 'deployments', undefined, 'apps/v1'), deployment('g')), 201);
    assert.equal(d.metadata.generation, 1);
    const labelled = assertOk(await b.server.request('PATCH', path, { metadata: { labels: { extra: 'yes' } } }, MERGE));
    assert.equal(labelled.metadata.generation, 1, 'label change keeps generation');
    assert.notEqual(labelled.metadata.resourceVersion, d.metadata.resourceVersion);
    const scaled = assertOk(await b.server.request('PATCH', path, { spec: { replicas: 3 } }, MERGE));
    assert.equal(scaled.metadata.generation, 2, 'spec change bumps generation');
    const status = assertOk(await b.server.request('PATCH', `${path}/status`, { status: { observedGeneration: 2, replicas: 1 } }, MERGE));
    assert.equal(status.metadata.generation, 2, 'status change keeps generation');
    const clientGen = assertOk(await b.server.request('PATCH', path, { metadata: { generation: 42 } }, MERGE));
    assert.equal(clientGen.metadata.generation, 2, 'clients cannot set generation');
  });

  test('generateName produces a name with a 5-character suffix', async () => {
    const ns = await b.namespace();
    const names = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const cm = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-' } }), 201);
      assert.match(cm.metadata.name, /^gen-[a-z0-9]{5}$/);
      assert.equal(cm.metadata.generateName, 'gen-');
      names.add(cm.metadata.name);
    }
    assert.equal(names.size, 5);
  });

  test('resourceVersion changes on every write; a no-op update keeps it', async () => {
    const ns = await b.namespace();
    const path = nsPath(ns, 'configmaps', 'rv');
    const cm = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('rv')), 201);
    const seen = new Set<string>([cm.metadata.resourceVersion]);
    let last = cm;
    for (let i = 0; i < 5; i++) {
      last = assertOk(await b.server.request('PATCH', path, { data: { k: `v${i}` } }, MERGE));
      assert.ok(!seen.has(last.metadata.resourceVersion), `resourceVersion reused: ${last.metadata.resourceVersion}`);
      seen.add(last.metadata.resourceVersion);
    }
    const samePatch = assertOk(await b.server.request('PATCH', path, { data: { k: 'v4' } }, MERGE));
    assert.equal(samePatch.metadata.resourceVersion, last.metadata.resourceVersion, 'no-op patch');
    const samePut = assertOk(await b.server.request('PUT', path, last));
    assert.equal(samePut.metadata.resourceVersion, last.metadata.resourceVersion, 'no-op PUT');
    const got = assertOk(await b.server.request('GET', path));
    assert.equal(got.metadata.resourceVersion, last.metadata.resourceVersion);
  });
});
