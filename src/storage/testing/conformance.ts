import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError, FutureRevisionError, KeyExistsError, NotFoundError, isConflict } from '../errors.js';
import type { Store } from '../interface.js';
import { registerWatchConformance } from './conformance-watch.js';
import { type Register, type StoreFactory, type StoreFixture, withFixture } from './fixture.js';
import { immediate, rejectsWith, rev } from './helpers.js';

export type { StoreFactory, StoreFixture } from './fixture.js';

/**
 * The Store contract of src/storage/interface.ts as node:test tests, registered under `describe(name)`.
 * Run it for every backend and decorator; it makes no assumption on revision numbering beyond strict increase.
 */
export function runStoreConformance(name: string, factory: StoreFactory): void {
  const test = (title: string, body: (f: StoreFixture) => Promise<void>): void => {
    it(title, { timeout: 60_000 }, () => withFixture(factory, body));
  };
  describe(`Store conformance: ${name}`, () => {
    registerCrud(test);
    registerReads(test);
    registerList(test);
    registerPagination(test);
    registerConcurrency(test);
    registerWatchConformance(test);
  });
}

function registerCrud(test: Register): void {
  test('create, get, update, delete, recreate', async ({ store }) => {
    const c = await store.create('/a/x', 'one');
    assert.deepEqual(await store.get('/a/x'), c);
    assert.equal(c.createRevision, c.revision);
    assert.ok(rev(c.revision) <= rev(await store.currentRevision()));
    const u = await store.update('/a/x', 'two', c.revision);
    assert.ok(rev(u.revision) > rev(c.revision));
    assert.deepEqual(u, { key: '/a/x', value: 'two', revision: u.revision, createRevision: c.revision });
    assert.deepEqual(await store.get('/a/x'), u);
    const d = await store.delete('/a/x');
    assert.deepEqual(d, u, 'delete returns the value it deleted');
    assert.equal(await store.get('/a/x'), undefined);
    const again = await store.create('/a/x', 'three');
    assert.ok(rev(again.createRevision) > rev(u.revision), 'a recreated key starts a new incarnation');
  });

  test('create of an existing key, update and delete of a missing key', async ({ store }) => {
    const c = await store.create('/k', 'v');
    await rejectsWith(store.create('/k', 'w'), KeyExistsError);
    await rejectsWith(store.update('/missing', 'v', c.revision), NotFoundError);
    await rejectsWith(store.delete('/missing'), NotFoundError);
    await rejectsWith(store.delete('/missing', c.revision), NotFoundError);
    assert.equal((await store.get('/k'))?.value, 'v');
  });

  test('update and delete with a stale revision fail with ConflictError carrying the current value', async ({ store }) => {
    const c = await store.create('/cas', 'v1');
    const u = await store.update('/cas', 'v2', c.revision);
    const e1 = await rejectsWith(store.update('/cas', 'v3', c.revision), ConflictError);
    assert.deepEqual(e1.current, u);
    const e2 = await rejectsWith(store.delete('/cas', c.revision), ConflictError);
    assert.deepEqual(e2.current, u);
    assert.deepEqual(await store.get('/cas'), u, 'a failed CAS writes nothing');
    assert.deepEqual(await store.delete('/cas', u.revision), u);
  });

}

function registerReads(test: Register): void {
  test('get at an old revision', async ({ store }) => {
    const before = await store.currentRevision();
    const c = await store.create('/h', 'v1');
    const u = await store.update('/h', 'v2', c.revision);
    await store.delete('/h', u.revision);
    const after = await store.currentRevision();
    assert.equal(await store.get('/h', { revision: before }), undefined);
    assert.deepEqual(await store.get('/h', { revision: c.revision }), c);
    assert.deepEqual(await store.get('/h', { revision: String(rev(u.revision)) }), u);
    assert.equal(await store.get('/h', { revision: after }), undefined);
    await rejectsWith(store.get('/h', { revision: String(rev(after) + 1000) }), FutureRevisionError);
  });

  test('count and delete return values', async ({ store }) => {
    for (const k of ['a', 'b', 'c', 'd']) await store.create(`/cnt/${k}`, k);
    await store.create('/cntx', 'outside');
    assert.equal(await store.count('/cnt/'), 4);
    const d = await store.delete('/cnt/b');
    assert.equal(d.value, 'b');
    assert.equal(await store.count('/cnt/'), 3);
    assert.equal(await store.count('/nothing/'), 0);
  });
}

function registerList(test: Register): void {
  test('list returns keys under a prefix in order, at the latest or an old revision', async ({ store }) => {
    for (const k of ['m', 'b', 'z', 'a', 'c/d', 'c']) await store.create(`/l/${k}`, k);
    await store.create('/l0', 'sibling');
    await store.create('/k/a', 'other');
    const snap = await store.list('/l/');
    assert.deepEqual(snap.items.map((i) => i.value), ['a', 'b', 'c', 'c/d', 'm', 'z']);
    assert.equal(snap.revision, await store.currentRevision());
    await store.delete('/l/b');
    const z = await store.get('/l/z');
    await store.update('/l/z', 'z2', z!.revision);
    assert.deepEqual((await store.list('/l/')).items.map((i) => i.value), ['a', 'c', 'c/d', 'm', 'z2']);
    const old = await store.list('/l/', { revision: snap.revision });
    assert.deepEqual(old, snap, 'a list at an old revision sees that snapshot');
    const page = await store.list('/l/', { limit: 2, revision: snap.revision });
    assert.deepEqual(page.items.map((i) => i.value), ['a', 'b']);
    assert.equal(page.nextKey, '/l/c');
    assert.equal(page.remaining, 4);
    const rest = await store.list('/l/', { revision: snap.revision, startKey: page.nextKey! });
    assert.deepEqual(rest.items.map((i) => i.value), ['c', 'c/d', 'm', 'z']);
    assert.equal(rest.nextKey, undefined);
  });

}

function registerPagination(test: Register): void {
  test('paginated list reads one snapshot while another loop writes and deletes', async ({ store }) => {
    for (let i = 0; i < 60; i++) await store.create(`/p/${String(i).padStart(3, '0')}`, `v${i}`);
    let stop = false;
    let writes = 0;
    let writerEnded = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const key = `/p/${String((i * 7) % 90).padStart(3, '0')}`;
        const cur = await store.get(key);
        if (!cur) await store.create(key, `n${i}`);
        else if (i % 3 === 0) await store.delete(key, cur.revision);
        else await store.update(key, `u${i}`, cur.revision);
        writes++;
        await immediate();
      }
    })().finally(() => (writerEnded = true));
    const first = await store.list('/p/', { limit: 10 });
    const items = [...first.items];
    let next = first.nextKey;
    while (next !== undefined) {
      const page = await store.list('/p/', { limit: 10, revision: first.revision, startKey: next });
      assert.equal(page.revision, first.revision);
      items.push(...page.items);
      next = page.nextKey;
      const seen = writes;
      while (writes === seen && !writerEnded) await immediate();
    }
    stop = true;
    await writer;
    assert.ok(rev(await store.currentRevision()) > rev(first.revision), 'writes happened during pagination');
    const whole = await store.list('/p/', { revision: first.revision });
    assert.deepEqual(items, whole.items, 'the pages are exactly the snapshot at the first page revision');
    assert.equal(first.remaining, whole.items.length - 10);
    for (const it of items) assert.ok(rev(it.revision) <= rev(first.revision));
  });
}

function registerConcurrency(test: Register): void {
  test('16 concurrent writers incrementing one counter with CAS lose no update', async ({ store }) => {
    await store.create('/counter', '0');
    const writers = 16;
    const perWriter = 20;
    let conflicts = 0;
    const one = async (): Promise<void> => {
      for (let done = 0; done < perWriter; ) {
        const cur = (await store.get('/counter'))!;
        try {
          await store.update('/counter', String(Number(cur.value) + 1), cur.revision);
          done++;
        } catch (err) {
          if (!isConflict(err)) throw err;
          conflicts++;
        }
      }
    };
    await Promise.all(Array.from({ length: writers }, one));
    assert.equal((await store.get('/counter'))?.value, String(writers * perWriter));
    assert.ok(conflicts > 0, 'the writers really raced');
  });
}
