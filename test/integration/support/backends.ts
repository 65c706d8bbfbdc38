/**
 * Runs a suite once per Store backend: in-memory SQLite, and a real etcd (one etcd process per suite, each API
 * server on its own key prefix). The etcd suite is skipped, with the reason, only when the etcd binary is absent.
 * K8TS_IT_BACKENDS=sqlite (or etcd) runs one backend only.
 */
import { existsSync } from 'node:fs';
import { after, before, describe } from 'node:test';
import { openEtcdStore } from '../../../src/storage/etcd/etcd-store.js';
import { startEtcd, type EtcdServer } from '../../../src/storage/testing/etcd-server.js';
import { startApiServer, type StartOptions, type TestApiServer } from './api-server.js';
import { createNamespace } from './objects.js';

export type BackendName = 'sqlite' | 'etcd';

const ETCD_BIN = process.env['K8TS_ETCD_BIN'] ?? '/usr/bin/etcd';
let prefixes = 0;

export class Backend {
  private etcd: EtcdServer | undefined;
  private readonly servers: TestApiServer[] = [];
  private shared: TestApiServer | undefined;
  private namespaces = 0;

  constructor(readonly name: BackendName) {}

  async setup(): Promise<void> {
    if (this.name === 'etcd') this.etcd = await startEtcd();
    this.shared = await this.newServer();
  }

  async teardown(): Promise<void> {
    for (const s of this.servers.splice(0)) await s.stop();
    await this.etcd?.stop();
  }

  /** The server shared by the tests of the suite. */
  get server(): TestApiServer {
    if (!this.shared) throw new Error('backend not set up');
    return this.shared;
  }

  /** A fresh API server over a fresh store (SQLite) or a fresh key prefix (etcd); stopped at teardown. */
  async newServer(opts: Omit<StartOptions, 'store' | 'closeStore'> = {}): Promise<TestApiServer> {
    const store = this.name === 'etcd' ? openEtcdStore({ endpoints: this.etcd!.endpoints, prefix: `/k8ts-it/${process.pid}/${++prefixes}` }) : undefined;
    const s = await startApiServer({ ...opts, ...(store ? { store, closeStore: true } : {}) });
    this.servers.push(s);
    return s;
  }

  /** A new namespace on the shared server, unique in the suite. */
  async namespace(prefix = 'it'): Promise<string> {
    const name = `${prefix}-${++this.namespaces}`;
    await createNamespace(this.server, name);
    return name;
  }
}

/** `describe(name [backend])` for each backend; `body` gets the backend, set up before its tests run. */
export function describeBackends(name: string, body: (b: Backend) => void, only?: BackendName[]): void {
  const selected = (process.env['K8TS_IT_BACKENDS']?.split(',') ?? ['sqlite', 'etcd']) as BackendName[];
  for (const backend of (only ?? selected).filter((x) => selected.includes(x))) {
    const skip = backend === 'etcd' && !existsSync(ETCD_BIN) ? `etcd binary not found at ${ETCD_BIN}; etcd variant skipped` : false;
    describe(`${name} [${backend}]`, { skip }, () => {
      const b = new Backend(backend);
      before(() => b.setup());
      after(() => b.teardown());
      body(b);
    });
  }
}
