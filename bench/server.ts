/**
 * The API server under test, in this process: the cluster PKI in a temp dir, a Store (SQLite file with the
 * shipped pragmas, or a real etcd on loopback started here), createApiServer with every strategy, and the HTTPS
 * listener with client-certificate authentication, on 127.0.0.1 and a free port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSecureServer } from '../src/apiserver/server/https.js';
import { createLogger } from '../src/machinery/log/logger.js';
import { ensurePki, type Pki } from '../src/pki/bundle.js';
import { createApiServer, type WiredApiServer } from '../src/registry/apiserver.js';
import { STRATEGIES } from '../src/registry/strategies.js';
import type { Store } from '../src/storage/interface.js';
import { openEtcdStore } from '../src/storage/etcd/etcd-store.js';
import { openSqliteStore } from '../src/storage/sqlite/sqlite-store.js';
import { startEtcd, type EtcdServer } from '../src/storage/testing/etcd-server.js';

export type BackendName = 'sqlite' | 'etcd';

export interface BenchServer {
  url: string;
  pki: Pki;
  /** Where the datastore lives (the SQLite file, or the etcd endpoint). */
  describe: string;
  stop(): Promise<void>;
}

async function openStore(backend: BackendName, dir: string): Promise<{ store: Store; describe: string; etcd?: EtcdServer }> {
  if (backend === 'sqlite') {
    const path = join(dir, 'state.db');
    return { store: openSqliteStore({ path }), describe: `SQLite file ${path}` };
  }
  const etcd = await startEtcd();
  return { store: openEtcdStore({ endpoints: etcd.endpoints, prefix: '/registry' }), describe: `etcd ${etcd.endpoints[0]} (data ${etcd.dataDir})`, etcd };
}

export async function startBenchServer(backend: BackendName): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), `k8ts-bench-${backend}-`));
  const pki = await ensurePki({ dir: join(dir, 'pki'), hostname: 'localhost' });
  const { store, describe, etcd } = await openStore(backend, dir);
  let wired: WiredApiServer | undefined;
  const https = await startSecureServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
    handler: (req, res, user) => wired!.server.handle(req, res, user),
    logger: createLogger({ level: 'warn' }).child({ component: 'apiserver' }),
  });
  const { port } = https.address;
  wired = createApiServer({ store, strategies: STRATEGIES, endpoint: { host: '127.0.0.1', port, clusterIP: '10.96.0.1' } });
  await wired.bootstrap();
  return {
    url: `https://127.0.0.1:${port}`,
    pki,
    describe,
    stop: async () => {
      await https.close();
      await store.close();
      await etcd?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
