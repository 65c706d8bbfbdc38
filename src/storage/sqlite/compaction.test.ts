import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Compactor } from '../compactor.js';
import { CompactedError } from '../errors.js';
import { rejectsWith } from '../testing/helpers.js';
import { openSqliteStore } from './sqlite-store.js';

/** Rows in the log table, read through a second connection (WAL lets it read while the store is open). */
function logRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function tempDb(): { path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
  return { path: join(dir, 'state.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe('sqlite compaction', () => {
  it('deletes superseded rows and tombstones below the revision, keeps live keys, and survives a restart', async () => {
    const { path, cleanup } = tempDb();
    let store = openSqliteStore({ path });
    try {
      let a = await store.create('/a', '0');
      for (let i = 1; i <= 10; i++) a = await store.update('/a', String(i), a.revision);
      const gone = await store.create('/gone', 'x');
      await store.delete('/gone', gone.revision);
      const keep = await store.create('/keep', 'k');
      assert.equal(logRows(path), 14);
      const at = await store.currentRevision();
      await store.compact(at);
      assert.equal(logRows(path), 2, 'only the latest rows of /a and /keep remain');
      assert.deepEqual((await store.list('/')).items, [a, keep]);
      await store.close();
      store = openSqliteStore({ path });
      assert.equal(await store.compactedRevision(), at);
      assert.equal(await store.currentRevision(), at, 'revisions resume where they were');
      await rejectsWith(store.get('/a', { revision: gone.revision }), CompactedError);
      const next = await store.update('/a', 'next', a.revision);
      assert.equal(Number(next.revision), Number(at) + 1);
    } finally {
      await store.close();
      cleanup();
    }
  });
});

describe('Compactor', () => {
  it('keeps the last 5 minutes and the last 1,000 revisions', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    let now = 0;
    const compactor = new Compactor(store, { now: () => now });
    let v = await store.create('/c', '0');
    const writeMany = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) v = await store.update('/c', String(i), v.revision);
    };    await writeMany(2000);
    assert.equal(await compactor.tick(), undefined, 'nothing is 5 minutes old yet');
    const at0 = Number(await store.currentRevision());
    now += 4 * 60_000;
    await writeMany(10);
    assert.equal(await compactor.tick(), undefined, 'still younger than 5 minutes');
    now += 61_000;
    await writeMany(1500);
    assert.equal(await compactor.tick(), at0, 'compacts to the revision sampled 5 minutes ago');
    assert.equal(await store.compactedRevision(), String(at0));
    now += 10 * 60_000;
    await writeMany(5);
    const current = Number(await store.currentRevision());
    assert.equal(await compactor.tick(), current - 1000, 'but never into the last 1,000 revisions');
    await store.close();
  });

  it('start runs ticks on the interval and stop ends them', async () => {
    const store = openSqliteStore({ path: ':memory:' });
    let ticks = 0;
    const compactor = new Compactor(store, { intervalMs: 5, now: () => (ticks++, 0) });
    compactor.start();
    const deadline = Date.now() + 5000;
    while (ticks < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await compactor.stop();
    assert.ok(ticks >= 3, `ticked ${ticks} times`);
    const after = ticks;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(ticks, after, 'no tick after stop');
    await store.close();
  });
});
