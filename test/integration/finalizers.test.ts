/** metadata.finalizers hold a deleted object (deletionTimestamp set) until the last one is removed. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const JSON_PATCH = { 'Content-Type': 'application/json-patch+json' };

describeBackends('finalizers', (b) => {
  async function createHeld(ns: string, name: string, finalizers: string[]): Promise<any> {
    const body = { ...configMap(name), metadata: { name, finalizers } };
    const created = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), body), 201);
    assert.deepEqual(created.metadata.finalizers, finalizers);
    const del = assertOk(await b.server.request('DELETE', nsPath(ns, 'configmaps', name)));
    assert.ok(del.metadata?.deletionTimestamp, `DELETE answers the object marked for deletion: ${JSON.stringify(del)}`);
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', name)));
    assert.ok(live.metadata.deletionTimestamp, 'deletionTimestamp set');
    assert.equal(live.metadata.deletionGracePeriodSeconds, 0);
    assert.deepEqual(live.metadata.finalizers, finalizers);
    return live;
  }

  const removals = [
    { name: 'merge patch', patch: () => ({ metadata: { finalizers: null } }), headers: MERGE },
    { name: 'json patch', patch: () => [{ op: 'remove', path: '/metadata/finalizers' }], headers: JSON_PATCH },
  ];
  for (const r of removals) {
    test(`the object stays after DELETE; removing the finalizer (${r.name}) makes it disappear`, async () => {
      const ns = await b.namespace();
      await createHeld(ns, 'held', ['example.com/hold']);
      // A second DELETE changes nothing.
      const again = assertOk(await b.server.request('DELETE', nsPath(ns, 'configmaps', 'held')));
      assert.ok(again.metadata.deletionTimestamp);
      assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'held')));
      const res = await b.server.request('PATCH', nsPath(ns, 'configmaps', 'held'), r.patch(), r.headers);
      assertOk(res);
      assertStatus(await b.server.request('GET', nsPath(ns, 'configmaps', 'held')), 404, 'NotFound');
    });
  }

  test('with two finalizers, removing one keeps the object; removing the last removes it (PUT)', async () => {
    const ns = await b.namespace();
    const live = await createHeld(ns, 'two', ['a.example.com/x', 'b.example.com/y']);
    live.metadata.finalizers = ['b.example.com/y'];
    const kept = assertOk(await b.server.request('PUT', nsPath(ns, 'configmaps', 'two'), live));
    assert.deepEqual(kept.metadata.finalizers, ['b.example.com/y']);
    assert.ok(kept.metadata.deletionTimestamp);
    kept.metadata.finalizers = [];
    assertOk(await b.server.request('PUT', nsPath(ns, 'configmaps', 'two'), kept));
    assertStatus(await b.server.request('GET', nsPath(ns, 'configmaps', 'two')), 404, 'NotFound');
  });

  test('deletionTimestamp cannot be unset or changed by a client', async () => {
    const ns = await b.namespace();
    const live = await createHeld(ns, 'sticky', ['example.com/hold']);
    const stamp = live.metadata.deletionTimestamp;
    const cleared = assertOk(await b.server.request('PATCH', nsPath(ns, 'configmaps', 'sticky'), { metadata: { deletionTimestamp: null, labels: { touched: 'yes' } } }, MERGE));
    assert.equal(cleared.metadata.deletionTimestamp, stamp);
    assert.equal(cleared.metadata.labels.touched, 'yes');
    const put = { ...cleared, metadata: { ...cleared.metadata, deletionTimestamp: '2001-01-01T00:00:00Z' } };
    const replaced = assertOk(await b.server.request('PUT', nsPath(ns, 'configmaps', 'sticky'), put));
    assert.equal(replaced.metadata.deletionTimestamp, stamp);
    const got = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'sticky')));
    assert.equal(got.metadata.deletionTimestamp, stamp);
  });

  test('no new finalizer can be added to an object being deleted (422)', async () => {
    const ns = await b.namespace();
    await createHeld(ns, 'nonew', ['example.com/hold']);
    const res = await b.server.request('PATCH', nsPath(ns, 'configmaps', 'nonew'), { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } }, MERGE);
    const st = assertStatus(res, 422, 'Invalid');
    assert.ok(st.details.causes.some((c: any) => c.field === 'metadata.finalizers'), JSON.stringify(st.details.causes));
  });
});
