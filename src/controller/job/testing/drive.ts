/** Drives a controller's sync like its workers would, catching the caches up after every write. */
import type { SyncResult } from '../context.js';
import type { FakeCluster } from '../../../client/fake/index.js';

/** Syncs `key` until a sync writes nothing (at most `max` rounds); returns the last result. */
export async function settle(c: FakeCluster, sync: (key: string) => Promise<SyncResult>, key: string, max = 20): Promise<SyncResult> {
  let result: SyncResult = {};
  for (let i = 0; i < max; i++) {
    const before = c.writes().length;
    c.syncCaches();
    result = await sync(key);
    c.syncCaches();
    if (c.writes().length === before) return result;
  }
  throw new Error(`${key} did not settle in ${max} syncs`);
}
