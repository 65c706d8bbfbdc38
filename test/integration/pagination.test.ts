/** limit/continue: every page from the first page's snapshot, 410 Expired after compaction, remainingItemCount. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath } from './support/objects.js';

const pad = (i: number): string => String(i).padStart(2, '0');

describeBackends('pagination', (b) => {
  async function seed(ns: string, n: number, labels?: Record<string, string>): Promise<string[]> {
    const names: string[] = [];
    for (let i = 0; i < n; i++) {
      const name = `p${pad(i)}`;
      assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap(name, { i: String(i) }, labels)), 201);
      names.push(name);
    }
    return names;
  }

  test('limit=10 pages are one snapshot while another loop creates and deletes', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    const initial = await seed(ns, 50);
    const first = assertOk(await b.server.request('GET', `${base}?limit=10`));
    let stop = false;
    let churn = 0;
    // Started after the first page: its snapshot holds exactly the seeded objects.
    const churner = (async () => {
      for (let i = 0; !stop; i++) {
        // Names that sort between the seeded ones, and deletes of seeded ones not yet paged.
        assertOk(await b.server.request('POST', base, configMap(`p${pad(i % 50)}x${i}`)), 201);
        const victim = `p${pad(49 - (i % 20))}`;
        const del = await b.server.request('DELETE', `${base}/${victim}`);
        assert.ok(del.status === 200 || del.status === 404, del.text);
        churn++;
      }
    })();
    try {
      const rv = first.metadata.resourceVersion;
      const seen: string[] = first.items.map((o: any) => o.metadata.name);
      let token: string | undefined = first.metadata.continue;
      let pages = 1;
      while (token) {
        // Give the churn loop time to write between pages (polling the counter, no fixed sleep).
        const before = churn;
        const deadline = Date.now() + 5000;
        while (churn === before && Date.now() < deadline) await new Promise((r) => setImmediate(r));
        const page = assertOk(await b.server.request('GET', `${base}?limit=10&continue=${encodeURIComponent(token)}`));
        assert.equal(page.metadata.resourceVersion, rv, 'every page answers the snapshot resourceVersion');
        assert.ok(page.items.length <= 10);
        seen.push(...page.items.map((o: any) => o.metadata.name));
        token = page.metadata.continue || undefined;
        pages++;
      }
      assert.equal(pages, 5);
      assert.deepEqual(seen, initial, 'exactly the objects of the first page snapshot, in key order');
      assert.ok(churn > 0, 'the churn loop wrote while paging');
    } finally {
      stop = true;
      await churner;
    }
  });

  test('remainingItemCount is present without selectors and absent with a label selector', async () => {
    const ns = await b.namespace();
    await seed(ns, 25, { tier: 'x' });
    const base = nsPath(ns, 'configmaps');
    const page = assertOk(await b.server.request('GET', `${base}?limit=10`));
    assert.equal(page.items.length, 10);
    assert.equal(page.metadata.remainingItemCount, 15);
    assert.ok(page.metadata.continue);
    const second = assertOk(await b.server.request('GET', `${base}?limit=10&continue=${encodeURIComponent(page.metadata.continue)}`));
    assert.equal(second.metadata.remainingItemCount, 5);
    const last = assertOk(await b.server.request('GET', `${base}?limit=10&continue=${encodeURIComponent(second.metadata.continue)}`));
    assert.equal(last.items.length, 5);
    assert.equal(last.metadata.continue, undefined);
    assert.equal(last.metadata.remainingItemCount, undefined);
    const selected = assertOk(await b.server.request('GET', `${base}?limit=10&labelSelector=tier%3Dx`));
    assert.equal(selected.items.length, 10);
    assert.ok(selected.metadata.continue);
    assert.equal(selected.metadata.remainingItemCount, undefined);
  });

  test('a malformed continue token → 400', async () => {
    const ns = await b.namespace();
    assertStatus(await b.server.request('GET', `${nsPath(ns, 'configmaps')}?limit=10&continue=not-a-token`), 400, 'BadRequest');
  });

  // Last: compaction drops history for every test of the suite.
  test('compaction after the first page → continue answers 410 Expired', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    await seed(ns, 15);
    const first = assertOk(await b.server.request('GET', `${base}?limit=10`));
    assert.ok(first.metadata.continue);
    for (let i = 0; i < 3; i++) assertOk(await b.server.request('POST', base, configMap(`later${i}`)), 201);
    const now = assertOk(await b.server.request('GET', base)).metadata.resourceVersion;
    await b.server.store.compact(now);
    const st = assertStatus(await b.server.request('GET', `${base}?limit=10&continue=${encodeURIComponent(first.metadata.continue)}`), 410, 'Expired');
    assert.match(st.message, /continue/);
  });
});
