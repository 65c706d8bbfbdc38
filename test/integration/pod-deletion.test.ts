/** Graceful pod deletion and pods/binding. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, nsPath, pod } from './support/objects.js';

const binding = (name: string, node: string) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: node } });

describeBackends('graceful pod deletion', (b) => {
  async function boundPod(ns: string, name: string, spec: Record<string, unknown> = {}): Promise<void> {
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod(name, { spec })), 201);
    const st = assertStatus(await b.server.request('POST', `${nsPath(ns, 'pods', name)}/binding`, binding(name, 'node-1')), 201);
    assert.equal(st.status, 'Success');
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'pods', name)));
    assert.equal(live.spec.nodeName, 'node-1');
    assert.ok(live.status.conditions.some((c: any) => c.type === 'PodScheduled' && c.status === 'True'));
  }

  test('an unbound pod is removed at once', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod('free')), 201);
    const del = assertOk(await b.server.request('DELETE', nsPath(ns, 'pods', 'free')));
    assert.equal(del.kind, 'Pod');
    assertStatus(await b.server.request('GET', nsPath(ns, 'pods', 'free')), 404, 'NotFound');
  });

  const graceCases = [
    { name: 'default grace period', spec: {}, query: '', grace: 30 },
    { name: "the pod's terminationGracePeriodSeconds", spec: { terminationGracePeriodSeconds: 7 }, query: '', grace: 7 },
    { name: 'gracePeriodSeconds from the request', spec: {}, query: '?gracePeriodSeconds=12', grace: 12 },
  ];
  for (const c of graceCases) {
    test(`a bound pod stays with deletionTimestamp (${c.name}: ${c.grace}s); DELETE gracePeriodSeconds=0 removes it`, async () => {
      const ns = await b.namespace();
      await boundPod(ns, 'bound', c.spec);
      const before = Date.now();
      const del = assertOk(await b.server.request('DELETE', `${nsPath(ns, 'pods', 'bound')}${c.query}`));
      assert.equal(del.metadata.deletionGracePeriodSeconds, c.grace);
      const live = assertOk(await b.server.request('GET', nsPath(ns, 'pods', 'bound')));
      assert.equal(live.metadata.deletionGracePeriodSeconds, c.grace);
      const due = Date.parse(live.metadata.deletionTimestamp);
      assert.ok(Math.abs(due - (before + c.grace * 1000)) < 5000, `deletionTimestamp ${live.metadata.deletionTimestamp} ≈ now + ${c.grace}s`);
      assertOk(await b.server.request('DELETE', `${nsPath(ns, 'pods', 'bound')}?gracePeriodSeconds=0`));
      assertStatus(await b.server.request('GET', nsPath(ns, 'pods', 'bound')), 404, 'NotFound');
    });
  }

  test('gracePeriodSeconds=0 in a DeleteOptions body removes a bound pod at once', async () => {
    const ns = await b.namespace();
    await boundPod(ns, 'body');
    const opts = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0 };
    assertOk(await b.server.request('DELETE', nsPath(ns, 'pods', 'body'), opts));
    assertStatus(await b.server.request('GET', nsPath(ns, 'pods', 'body')), 404, 'NotFound');
  });

  test('binding an already bound pod → 409 Conflict', async () => {
    const ns = await b.namespace();
    await boundPod(ns, 'twice');
    const st = assertStatus(await b.server.request('POST', `${nsPath(ns, 'pods', 'twice')}/binding`, binding('twice', 'node-2')), 409, 'Conflict');
    assert.match(st.message, /already assigned to node "node-1"/);
    const live = assertOk(await b.server.request('GET', nsPath(ns, 'pods', 'twice')));
    assert.equal(live.spec.nodeName, 'node-1');
  });

  test('binding a missing pod → 404', async () => {
    const ns = await b.namespace();
    assertStatus(await b.server.request('POST', `${nsPath(ns, 'pods', 'ghost')}/binding`, binding('ghost', 'node-1')), 404, 'NotFound');
  });
});
