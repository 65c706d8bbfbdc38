/** pods/eviction honours PodDisruptionBudgets (429 with a DisruptionBudget cause, budget spent on success). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, nsPath, pod } from './support/objects.js';

const eviction = (name: string) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name } });
const pdbPath = (ns: string, name?: string) => nsPath(ns, 'poddisruptionbudgets', name, 'policy/v1');

describeBackends('eviction', (b) => {
  /** A Running, Ready pod labelled app=web. */
  async function runningPod(ns: string, name: string): Promise<void> {
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod(name, { labels: { app: 'web' } })), 201);
    const cur = assertOk(await b.server.request('GET', nsPath(ns, 'pods', name)));
    cur.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] };
    assertOk(await b.server.request('PUT', `${nsPath(ns, 'pods', name)}/status`, cur));
  }

  /** A budget for app=web with the status the disruption controller would have written. */
  async function budget(ns: string, name: string, status: { disruptionsAllowed: number; currentHealthy: number; desiredHealthy: number }, observed = true): Promise<void> {
    const created = assertOk(await b.server.request('POST', pdbPath(ns), { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } }), 201);
    created.status = { ...status, expectedPods: 1, observedGeneration: observed ? created.metadata.generation : 0 };
    assertOk(await b.server.request('PUT', `${pdbPath(ns, name)}/status`, created));
  }

  const evict = (ns: string, name: string) => b.server.request('POST', `${nsPath(ns, 'pods', name)}/eviction`, eviction(name));

  test('a budget with no disruption allowed → 429 with the DisruptionBudget cause; the pod stays', async () => {
    const ns = await b.namespace('evict-deny');
    await runningPod(ns, 'p');
    await budget(ns, 'web', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1 });
    const st = assertStatus(await evict(ns, 'p'), 429, 'TooManyRequests');
    assert.equal(st.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.deepEqual(st.details.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 1 healthy pods and has 1 currently' }]);
    const p = assertOk(await b.server.request('GET', nsPath(ns, 'pods', 'p')));
    assert.equal(p.metadata.deletionTimestamp, undefined);
  });

  test('a budget not yet observed by the disruption controller → 429 "still being processed"', async () => {
    const ns = await b.namespace('evict-unobserved');
    await runningPod(ns, 'p');
    await budget(ns, 'web', { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 }, false);
    const st = assertStatus(await evict(ns, 'p'), 429, 'TooManyRequests');
    assert.equal(st.details.causes[0].message, 'The disruption budget web is still being processed by the server.');
  });

  test('an allowed eviction spends the budget, records the pod, marks it DisruptionTarget and deletes it', async () => {
    const ns = await b.namespace('evict-allow');
    await runningPod(ns, 'p');
    await budget(ns, 'web', { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1 });
    // Bound to a node, so the delete is graceful and the evicted pod can be looked at.
    assertOk(await b.server.request('POST', `${nsPath(ns, 'pods', 'p')}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } }), 201);
    const st = assertOk(await evict(ns, 'p'), 201);
    assert.equal(st.status, 'Success');
    const pdb = assertOk(await b.server.request('GET', pdbPath(ns, 'web')));
    assert.equal(pdb.status.disruptionsAllowed, 0);
    assert.deepEqual(Object.keys(pdb.status.disruptedPods), ['p']);
    const evicted = assertOk(await b.server.request('GET', nsPath(ns, 'pods', 'p')));
    assert.ok(evicted.metadata.deletionTimestamp, 'gracefully deleted');
    const cond = evicted.status.conditions.find((c: { type: string }) => c.type === 'DisruptionTarget');
    assert.deepEqual([cond?.status, cond?.reason, cond?.message], ['True', 'EvictionByEvictionAPI', 'Eviction API: evicting']);
  });

  test('pending pods and pods without a budget go at once; two budgets → 500', async () => {
    const ns = await b.namespace('evict-misc');
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod('pending', { labels: { app: 'web' } })), 201);
    await budget(ns, 'web', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1 });
    assertOk(await evict(ns, 'pending'), 201);
    await runningPod(ns, 'ready');
    assertOk(await b.server.request('POST', pdbPath(ns), { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'second' }, spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } } }), 201);
    const st = assertStatus(await evict(ns, 'ready'), 500, 'InternalError');
    assert.match(st.message, /more than one PodDisruptionBudget/);
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod('alone', { labels: { app: 'other' } })), 201);
    assertOk(await evict(ns, 'alone'), 201);
  });
});
