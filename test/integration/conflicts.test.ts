/** 409s: AlreadyExists on create, Conflict on stale resourceVersions (PUT and PATCH), CAS retries of patches. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const STALE_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

describeBackends('conflicts', (b) => {
  test('duplicate create → 409 AlreadyExists with the resource as details.kind', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('x')), 201);
    const st = assertStatus(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('x')), 409, 'AlreadyExists');
    assert.equal(st.details.kind, 'configmaps');
    assert.equal(st.details.name, 'x');
    assert.equal(st.message, 'configmaps "x" already exists');
  });

  test('PUT with a stale metadata.resourceVersion → 409 Conflict, and the object keeps the newer write', async () => {
    const ns = await b.namespace();
    const created = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('cm')), 201);
    const first = { ...created, data: { k: 'first' } };
    assertOk(await b.server.request('PUT', nsPath(ns, 'configmaps', 'cm'), first));
    const stale = { ...created, data: { k: 'stale' } };
    const st = assertStatus(await b.server.request('PUT', nsPath(ns, 'configmaps', 'cm'), stale), 409, 'Conflict');
    assert.ok(st.message.includes(STALE_MESSAGE), st.message);
    assert.equal(st.details.kind, 'configmaps');
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'cm')));
    assert.equal(live.data.k, 'first');
  });

  const patchCases = [
    { name: 'merge patch', type: 'application/merge-patch+json', body: (rv: string) => ({ metadata: { resourceVersion: rv }, data: { k: 'p' } }) },
    { name: 'strategic merge patch', type: 'application/strategic-merge-patch+json', body: (rv: string) => ({ metadata: { resourceVersion: rv }, data: { k: 'p' } }) },
    {
      name: 'json patch',
      type: 'application/json-patch+json',
      body: (rv: string) => [
        { op: 'replace', path: '/metadata/resourceVersion', value: rv },
        { op: 'replace', path: '/data/k', value: 'p' },
      ],
    },
  ];
  for (const c of patchCases) {
    test(`PATCH (${c.name}) with a stale resourceVersion in the body → 409 Conflict`, async () => {
      const ns = await b.namespace();
      const created = assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('cm')), 201);
      assertOk(await b.server.request('PATCH', nsPath(ns, 'configmaps', 'cm'), { data: { k: 'newer' } }, MERGE));
      const res = await b.server.request('PATCH', nsPath(ns, 'configmaps', 'cm'), JSON.stringify(c.body(created.metadata.resourceVersion)), { 'Content-Type': c.type });
      const st = assertStatus(res, 409, 'Conflict');
      assert.ok(st.message.includes(STALE_MESSAGE), st.message);
      const live = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'cm')));
      assert.equal(live.data.k, 'newer');
      // The same patch naming the current resourceVersion succeeds.
      const ok = await b.server.request('PATCH', nsPath(ns, 'configmaps', 'cm'), JSON.stringify(c.body(live.metadata.resourceVersion)), { 'Content-Type': c.type });
      assert.equal(assertOk(ok).data.k, 'p');
    });
  }

  test('concurrent merge patches without a resourceVersion all succeed (CAS retries)', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap('hot', {})), 201);
    const n = 40;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) => b.server.request('PATCH', nsPath(ns, 'configmaps', 'hot'), { data: { [`k${i}`]: String(i) } }, MERGE)),
    );
    for (const r of results) assertOk(r);
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'configmaps', 'hot')));
    assert.equal(Object.keys(live.data ?? {}).length, n, 'every patch landed');
    for (let i = 0; i < n; i++) assert.equal(live.data[`k${i}`], String(i));
  });
});
