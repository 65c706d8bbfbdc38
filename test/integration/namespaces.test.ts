/** Namespaces: system namespaces, NamespaceLifecycle admission, Terminating, the finalize subresource. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath } from './support/objects.js';

describeBackends('namespaces', (b) => {
  test('the four system namespaces exist', async () => {
    const list = assertOk(await b.server.request('GET', '/api/v1/namespaces'));
    const names = list.items.map((n: any) => n.metadata.name);
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) assert.ok(names.includes(n), `${n} in ${names}`);
    for (const n of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      const ns = assertOk(await b.server.request('GET', `/api/v1/namespaces/${n}`));
      assert.equal(ns.kind, 'Namespace');
    }
  });

  test('create into a missing namespace → 404 namespaces "nope" not found', async () => {
    const st = assertStatus(await b.server.request('POST', nsPath('nope', 'configmaps'), configMap('x')), 404, 'NotFound');
    assert.equal(st.message, 'namespaces "nope" not found');
    assert.equal(st.details.kind, 'namespaces');
    assert.equal(st.details.name, 'nope');
  });

  test('DELETE → Terminating; create into it → 403; finalize with no finalizers removes it', async () => {
    const ns = await b.namespace('term');
    const path = `/api/v1/namespaces/${ns}`;
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('before')), 201);
    const created = assertOk(await b.server.request('GET', path));
    assert.deepEqual(created.spec?.finalizers, ['kubernetes'], 'the kubernetes finalizer is defaulted');
    assertOk(await b.server.request('DELETE', path));
    const terminating = assertOk(await b.server.request('GET', path));
    assert.equal(terminating.status.phase, 'Terminating');
    assert.ok(terminating.metadata.deletionTimestamp);
    const st = assertStatus(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('after')), 403, 'Forbidden');
    assert.match(st.message, new RegExp(`unable to create new content in namespace ${ns} because it is being terminated`));
    assert.deepEqual(st.details?.causes?.map((c: { reason?: string; field?: string }) => [c.reason, c.field]), [['NamespaceTerminating', 'metadata.namespace']]);
    // Existing content can still be read and deleted (the namespace controller does that).
    assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'before')));
    assertOk(await b.server.request('DELETE', nsPath(ns, 'configmaps', 'before')));
    const finalize = { ...terminating, spec: { finalizers: [] } };
    assertOk(await b.server.request('PUT', `${path}/finalize`, finalize));
    assertStatus(await b.server.request('GET', path), 404, 'NotFound');
  });

  const immortal = ['default', 'kube-system', 'kube-public'];
  for (const name of immortal) {
    test(`deleting ${name} → 403 Forbidden, and it stays Active`, async () => {
      const st = assertStatus(await b.server.request('DELETE', `/api/v1/namespaces/${name}`), 403, 'Forbidden');
      assert.match(st.message, /may not be deleted/);
      const ns = assertOk(await b.server.request('GET', `/api/v1/namespaces/${name}`));
      assert.equal(ns.metadata.deletionTimestamp, undefined);
      assert.notEqual(ns.status?.phase, 'Terminating');
    });
  }
});
