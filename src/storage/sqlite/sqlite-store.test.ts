import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../interface.js';
import { runStoreConformance, type StoreFixture } from '../testing/conformance.js';
import { openSqliteStore } from './sqlite-store.js';

runStoreConformance('sqlite file', async (): Promise<StoreFixture> => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-sqlite-'));
  const path = join(dir, 'state.db');
  const fixture: StoreFixture = {
    store: openSqliteStore({ path }),
    async restart(): Promise<Store> {
      await fixture.store.close();
      fixture.store = openSqliteStore({ path });
      return fixture.store;
    },
    async dispose(): Promise<void> {
      await fixture.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
});

/** ':memory:' loses everything on close, so its restart is a no-op that keeps the same store. */
runStoreConformance('sqlite :memory:', async (): Promise<StoreFixture> => {
  const store = openSqliteStore({ path: ':memory:' });
  return { store, restart: () => Promise.resolve(store), dispose: () => store.close() };
});
