/** WATCH semantics: resume from a list's resourceVersion, selectors, timeoutSeconds, 410 Expired, bookmarks. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, configMap, nsPath } from './support/objects.js';
import { summary } from './support/watch-stream.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };

interface Expected {
  type: string;
  name: string;
  rv: string;
  data?: Record<string, string>;
}

describeBackends('watch', (b) => {
  test('from a list resourceVersion: every later change exactly once, in order, DELETED with the final object', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    const list = assertOk(await b.server.request('GET', base));
    const expected: Expected[] = [];
    const objects = 100;
    // 100 creates, 3 updates each, 100 deletes: 500 writes; half before the watch request, half after.
    const write = async (i: number): Promise<void> => {
      const name = `w${i % objects}`;
      const round = Math.floor(i / objects);
      if (round === 0) {
        const cm = assertOk(await b.server.request('POST', base, configMap(name, { r: '0' })), 201);
        expected.push({ type: 'ADDED', name, rv: cm.metadata.resourceVersion, data: { r: '0' } });
      } else if (round < 4) {
        const cm = assertOk(await b.server.request('PATCH', `${base}/${name}`, { data: { r: String(round) } }, MERGE));
        expected.push({ type: 'MODIFIED', name, rv: cm.metadata.resourceVersion, data: { r: String(round) } });
      } else {
        assertOk(await b.server.request('DELETE', `${base}/${name}`));
        expected.push({ type: 'DELETED', name, rv: '', data: { r: '3' } });
      }
    };
    for (let i = 0; i < 250; i++) await write(i);
    const w = await b.server.watch(`${base}?watch=true&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      assert.equal(w.status, 200);
      assert.match(String(w.headers['content-type']), /^application\/json/);
      for (let i = 250; i < 500; i++) await write(i);
      const events = await w.take(500, 30_000);
      for (const [i, ev] of events.entries()) {
        const want = expected[i]!;
        const got = `${ev.type} ${ev.object?.metadata?.name}`;
        assert.equal(got, `${want.type} ${want.name}`, `event ${i}: ${summary(events.slice(Math.max(0, i - 3), i + 3))}`);
        assert.equal(ev.object.kind, 'ConfigMap');
        assert.equal(ev.object.apiVersion, 'v1');
        assert.deepEqual(ev.object.data, want.data, `event ${i} data`);
        if (want.rv) assert.equal(ev.object.metadata.resourceVersion, want.rv, `event ${i} resourceVersion`);
      }
      // Nothing more: a write after the 500 is the very next event (no duplicates in between).
      const marker = assertOk(await b.server.request('POST', base, configMap('marker')), 201);
      const next = await w.next(10_000);
      assert.equal(`${next?.type} ${next?.object.metadata.name}`, 'ADDED marker');
      assert.equal(next?.object.metadata.resourceVersion, marker.metadata.resourceVersion);
    } finally {
      w.close();
    }
  });

  test('without a resourceVersion: ADDED for every current object first, then changes', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    for (const n of ['a', 'b', 'c']) assertOk(await b.server.request('POST', base, configMap(n)), 201);
    const w = await b.server.watch(`${base}?watch=1`);
    try {
      const initial = await w.take(3);
      assert.deepEqual(initial.map((e) => `${e.type} ${e.object.metadata.name}`).sort(), ['ADDED a', 'ADDED b', 'ADDED c']);
      assertOk(await b.server.request('PATCH', `${base}/b`, { data: { k: 'changed' } }, MERGE));
      const ev = await w.next();
      assert.equal(`${ev?.type} ${ev?.object.metadata.name}`, 'MODIFIED b');
    } finally {
      w.close();
    }
  });

  test('labelSelector watch: leaving the selection is DELETED, entering it is ADDED', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    const list = assertOk(await b.server.request('GET', base));
    const w = await b.server.watch(`${base}?watch=true&labelSelector=${encodeURIComponent('app=a')}&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      assertOk(await b.server.request('POST', base, configMap('other', {}, { app: 'b' })), 201);
      assertOk(await b.server.request('POST', base, configMap('sel', {}, { app: 'a' })), 201);
      assertOk(await b.server.request('PATCH', `${base}/sel`, { data: { k: '1' } }, MERGE));
      assertOk(await b.server.request('PATCH', `${base}/sel`, { metadata: { labels: { app: 'b' } } }, MERGE));
      assertOk(await b.server.request('PATCH', `${base}/other`, { metadata: { labels: { app: 'a' } } }, MERGE));
      assertOk(await b.server.request('DELETE', `${base}/other`));
      const events = await w.take(5);
      assert.deepEqual(
        events.map((e) => `${e.type} ${e.object.metadata.name}`),
        ['ADDED sel', 'MODIFIED sel', 'DELETED sel', 'ADDED other', 'DELETED other'],
      );
      assert.equal(events[2]!.object.metadata.labels.app, 'b', 'the DELETED event carries the object as it now is');
      assert.equal(w.pending, 0);
    } finally {
      w.close();
    }
  });

  test('timeoutSeconds=1 ends the stream', async () => {
    const ns = await b.namespace();
    const started = Date.now();
    const w = await b.server.watch(`${nsPath(ns, 'configmaps')}?watch=true&timeoutSeconds=1`);
    assert.equal(w.status, 200);
    const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error('stream still open after 10 s')), 10_000).unref());
    await Promise.race([w.ended, deadline]);
    const took = Date.now() - started;
    assert.ok(took >= 900, `ended after ${took} ms, before the timeout`);
    assert.equal(await w.next(100), undefined);
  });

  test('allowWatchBookmarks=true is accepted and events still flow', async () => {
    const ns = await b.namespace();
    const base = nsPath(ns, 'configmaps');
    const list = assertOk(await b.server.request('GET', base));
    const w = await b.server.watch(`${base}?watch=true&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      assert.equal(w.status, 200);
      assertOk(await b.server.request('POST', base, configMap('bm')), 201);
      const events = await w.until((e) => e.type === 'ADDED');
      assert.equal(events.at(-1)!.object.metadata.name, 'bm');
    } finally {
      w.close();
    }
  });

  test('a resourceVersion below the compacted revision → one ERROR event with a 410 Expired Status, then the end', async () => {
    const s = await b.newServer();
    await s.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'cw' } });
    const base = nsPath('cw', 'configmaps');
    const first = assertOk(await s.request('POST', base, configMap('c0')), 201);
    for (let i = 1; i < 5; i++) assertOk(await s.request('PATCH', `${base}/c0`, { data: { i: String(i) } }, MERGE));
    const latest = assertOk(await s.request('GET', base));
    await s.store.compact(latest.metadata.resourceVersion);
    const w = await s.watch(`${base}?watch=true&resourceVersion=${first.metadata.resourceVersion}`);
    try {
      assert.equal(w.status, 200);
      const ev = await w.next();
      assert.equal(ev?.type, 'ERROR', JSON.stringify(ev));
      assert.equal(ev!.object.kind, 'Status');
      assert.equal(ev!.object.code, 410);
      assert.equal(ev!.object.reason, 'Expired');
      assert.equal(await w.next(), undefined, 'stream ends after the ERROR');
    } finally {
      w.close();
    }
  });
});
