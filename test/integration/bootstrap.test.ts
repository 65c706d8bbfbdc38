/**
 * Bootstrap after a crash: a kill -9 can land between the ClusterIP claim of `default/kubernetes` and the Service
 * write, leaving the claim (owner default/kubernetes) without the Service. The next start must succeed and keep
 * 10.96.0.1; another owner's claim must still be refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { startApiServer } from './support/api-server.js';

const CLAIM = '/registry/ranges/serviceips/10.96.0.1';

test('a start after a crash between the ClusterIP claim and the Service write bootstraps default/kubernetes', async () => {
  const store = openSqliteStore({ path: ':memory:' });
  await store.create(CLAIM, 'default/kubernetes');
  const srv = await startApiServer({ store, closeStore: true });
  try {
    const svc = await srv.request('GET', '/api/v1/namespaces/default/services/kubernetes');
    assert.equal(svc.status, 200);
    assert.equal(svc.json.spec.clusterIP, '10.96.0.1');
    const ready = await srv.request('GET', '/readyz?verbose');
    assert.equal(ready.status, 200, ready.text);
    assert.match(ready.text, /\[\+\]poststarthook\/bootstrap-controller ok/);
  } finally {
    await srv.stop();
  }
});

test('a ClusterIP claimed by another service is refused (422)', async () => {
  const srv = await startApiServer();
  try {
    await srv.store.create('/registry/ranges/serviceips/10.96.0.77', 'other/owner');
    const body = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { clusterIP: '10.96.0.77', ports: [{ port: 80 }] } };
    const res = await srv.request('POST', '/api/v1/namespaces/default/services', body);
    assert.equal(res.status, 422, res.text);
    assert.match(res.json.message, /provided IP is already allocated/);
  } finally {
    await srv.stop();
  }
});

test('/readyz fails until bootstrap has run; /livez does not wait for it', async () => {
  const srv = await startApiServer({ skipBootstrap: true });
  try {
    const ready = await srv.request('GET', '/readyz?verbose');
    assert.equal(ready.status, 500);
    assert.match(ready.text, /\[-\]poststarthook\/bootstrap-controller failed/);
    assert.equal((await srv.request('GET', '/livez')).status, 200);
  } finally {
    await srv.stop();
  }
});
