// Child process of durability.test.ts: creates keys forever and reports each acknowledged write on stdout
// ("<revision> <key>\n", written synchronously after the store's promise resolved) until it is killed.
import { writeSync } from 'node:fs';
import { openSqliteStore } from '../sqlite-store.js';

const store = openSqliteStore({ path: process.argv[2]! });
for (let i = 0; ; i++) {
  const key = `/crash/${String(i).padStart(8, '0')}`;
  const s = await store.create(key, `value-${i}`);
  writeSync(1, `${s.revision} ${key}\n`);
}
