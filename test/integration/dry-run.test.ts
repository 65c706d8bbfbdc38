/** dryRun=All: every step runs (defaults, validation, admission) but nothing is persisted. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, deployment, nsPath, service } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const DEPLOYMENTS = (ns: string, name?: string) => nsPath(ns, 'deployments', name, 'apps/v1');

describeBackends('dryRun=All', (b) => {
  async function revision(): Promise<string> {
    return b.server.store.currentRevision();
  }

  test('create returns the defaulted object and persists nothing', async () => {
    const ns = await b.namespace();
    const rev = await revision();
    const d = assertOk(await b.server.request('POST', `${DEPLOYMENTS(ns)}?dryRun=All`, deployment('dry')), 201);
    assert.equal(d.spec.strategy.type, 'RollingUpdate', 'defaults applied');
    assert.equal(d.spec.template.spec.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(d.metadata.generation, 1);
    assert.ok(d.metadata.uid);
    assert.equal(await revision(), rev, 'no write');
    assertStatus(await b.server.request('GET', DEPLOYMENTS(ns, 'dry')), 404, 'NotFound');
    assertStatus(await b.server.request('POST', `${DEPLOYMENTS(ns)}?dryRun=All`, deployment('dry', { image: null })), 422, 'Invalid');
  });

  test('update (PUT and PATCH) returns the result and persists nothing', async () => {
    const ns = await b.namespace();
    const cm = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('u', { k: 'old' })), 201);
    const rev = await revision();
    const put = assertOk(await b.server.request('PUT', `${nsPath(ns, 'configmaps', 'u')}?dryRun=All`, { ...cm, data: { k: 'put' } }));
    assert.equal(put.data.k, 'put');
    const patched = assertOk(await b.server.request('PATCH', `${nsPath(ns, 'configmaps', 'u')}?dryRun=All`, { data: { k: 'patch' } }, MERGE));
    assert.equal(patched.data.k, 'patch');
    assert.equal(await revision(), rev, 'no write');
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'u')));
    assert.equal(live.data.k, 'old');
    assert.equal(live.metadata.resourceVersion, cm.metadata.resourceVersion);
  });

  test('delete (query and DeleteOptions body) returns the object and persists nothing', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('d')), 201);
    const rev = await revision();
    assertOk(await b.server.request('DELETE', `${nsPath(ns, 'configmaps', 'd')}?dryRun=All`));
    assertOk(await b.server.request('DELETE', nsPath(ns, 'configmaps', 'd'), { apiVersion: 'v1', kind: 'DeleteOptions', dryRun: ['All'] }));
    assert.equal(await revision(), rev, 'no write');
    assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'd')));
  });

  test('a dry-run service create allocates nothing; a dry-run delete releases nothing', async () => {
    const ns = await b.namespace();
    const dry = assertOk(await b.server.request('POST', `${nsPath(ns, 'services')}?dryRun=All`, service('s1', { clusterIP: '10.100.1.1' })), 201);
    assert.equal(dry.spec.clusterIP, '10.100.1.1');
    // Not allocated by the dry run: a real create of the same IP succeeds.
    assertOk(await b.server.request('POST', nsPath(ns, 'services'), service('s2', { clusterIP: '10.100.1.1' })), 201);
    // Not released by a dry-run delete: the IP stays taken.
    assertOk(await b.server.request('DELETE', `${nsPath(ns, 'services', 's2')}?dryRun=All`));
    assertOk(await b.server.request('GET', nsPath(ns, 'services', 's2')));
    assertStatus(await b.server.request('POST', nsPath(ns, 'services'), service('s3', { clusterIP: '10.100.1.1' })), 422, 'Invalid');
  });
});
