/** A watch resumed after an API server restart on the same SQLite file sees every change since its list, once. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSqliteFileServer, type TestApiServer } from './support/api-server.js';
import { assertOk, configMap, createNamespace, nsPath } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };

describe('watch across a server restart [sqlite file]', () => {
  let dir: string;
  const running: TestApiServer[] = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8ts-it-restart-'));
  });
  after(async () => {
    for (const s of running) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { n: 30, m: 20 },
    { n: 1, m: 0 },
    { n: 0, m: 5 },
  ];
  test('a restart on an existing data file bootstraps again (default/kubernetes keeps 10.96.0.1)', async () => {
    const file = join(dir, 'boot.sqlite');
    const first = await startSqliteFileServer(file);
    running.push(first);
    const svc = assertOk(await first.request('GET', '/api/v1/namespaces/default/services/kubernetes'));
    await first.stop();
    const second = await startSqliteFileServer(file);
    running.push(second);
    const again = assertOk(await second.request('GET', '/api/v1/namespaces/default/services/kubernetes'));
    assert.equal(again.spec.clusterIP, '10.96.0.1');
    assert.equal(again.metadata.uid, svc.metadata.uid);
  });

  // The reopened server skips bootstrap so that these cases test the watch, whatever bootstrap does on restart.
  for (const [i, c] of cases.entries()) {
    test(`list, ${c.n} writes, restart, ${c.m} writes, watch from the list RV → exactly ${c.n + c.m} events in order`, async () => {
      const file = join(dir, `db-${i}.sqlite`);
      const ns = 'restart';
      let s = await startSqliteFileServer(file);
      running.push(s);
      await createNamespace(s, ns);
      const base = nsPath(ns, 'configmaps');
      const rv = assertOk(await s.request('GET', base)).metadata.resourceVersion;
      const expected: string[] = [];
      const write = async (server: TestApiServer, k: number): Promise<void> => {
        const name = `r${k % 7}`;
        const exists = (await server.request('GET', `${base}/${name}`)).status === 200;
        const res = exists
          ? await server.request('PATCH', `${base}/${name}`, { data: { k: String(k) } }, MERGE)
          : await server.request('POST', base, configMap(name, { k: String(k) }));
        const obj = assertOk(res, exists ? 200 : 201);
        expected.push(`${exists ? 'MODIFIED' : 'ADDED'} ${name} ${obj.metadata.resourceVersion}`);
      };
      for (let k = 0; k < c.n; k++) await write(s, k);
      await s.stop();
      s = await startSqliteFileServer(file, { skipBootstrap: true });
      running.push(s);
      // The same objects, the same resourceVersions: the file was reopened, not recreated.
      const relisted = assertOk(await s.request('GET', base));
      assert.equal(relisted.items.length, Math.min(c.n, 7));
      for (let k = c.n; k < c.n + c.m; k++) await write(s, k);
      const w = await s.watch(`${base}?watch=true&resourceVersion=${rv}`);
      try {
        const events = await w.take(c.n + c.m);
        assert.deepEqual(
          events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`),
          expected,
        );
        // No duplicates or stragglers: the next event is a fresh write.
        assertOk(await s.request('POST', base, configMap('after-restart')), 201);
        const next = await w.next();
        assert.equal(`${next?.type} ${next?.object.metadata.name}`, 'ADDED after-restart');
      } finally {
        w.close();
        await s.stop();
      }
    });
  }
});
