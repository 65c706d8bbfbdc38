/**
 * For tests: the real API server (every strategy, in-memory SQLite, bootstrapped) behind a loopback unix socket in
 * a temporary directory, with a RestClient over it. `close()` ends the client, the socket, the store and the dir.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLoopbackServer } from '../../apiserver/server/loopback.js';
import { RestClient } from '../../client/rest/client.js';
import type { Transport } from '../../client/rest/transport.js';
import { unixSocketTransport } from '../../client/rest/unix-transport.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import { createApiServer } from '../apiserver.js';
import { STRATEGIES } from '../strategies.js';

export interface LoopbackApi {
  client: RestClient;
  transport: Transport;
  close(): Promise<void>;
}

export async function startLoopbackApi(tmpPrefix = 'k8ts-api-'): Promise<LoopbackApi> {
  const dir = await mkdtemp(join(tmpdir(), tmpPrefix));
  const store = openSqliteStore({ path: ':memory:' });
  const wired = createApiServer({ store, strategies: STRATEGIES, endpoint: { host: '127.0.0.1', port: 6443, clusterIP: '10.96.0.1' } });
  await wired.bootstrap();
  const loopback = await startLoopbackServer({ socketPath: join(dir, 'api.sock'), handler: wired.server.handle });
  const transport = unixSocketTransport(loopback.socketPath);
  return {
    client: new RestClient(transport),
    transport,
    async close() {
      transport.close();
      await loopback.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
