/**
 * Acknowledged writes survive `kill -9` (docs/architecture.md, "Data at rest"). For each backend: `k8ts up` runs as
 * a child process on a fixed port; 8 clients create ConfigMaps; at a seeded random moment 0.3–1.5 s into the load
 * the server gets SIGKILL; it restarts on the same data directory (so a stale pid file must not block it). After
 * ten rounds every name whose create was answered 201 must be listed. Names created but never acknowledged may or
 * may not be there (the request was in flight at the kill); they are counted, not failed.
 *
 * Run: node --import tsx --test test/durability/kill9.test.ts   (K8TS_DURABILITY_SEED=<n> replays a seed)
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { startEtcd, type EtcdServer } from '../../src/storage/testing/etcd-server.js';
import { AdminClient, readAdminPki } from './support/admin-client.js';
import { newLedger, runCreators, type CreateLedger } from './support/create-load.js';
import { K8tsProcess } from './support/k8ts-process.js';
import { freeLoopbackPort } from './support/ports.js';
import { between, seededRng, type Rng } from '../../src/machinery/testing/rng.js';

const ROUNDS = 10;
const CLIENTS = 8;
const NAMESPACE = 'durability';
const KILL_AFTER_MS = { min: 300, max: 1500 };
const SEED = Number(process.env['K8TS_DURABILITY_SEED'] ?? Date.now() % 1_000_000);
const ETCD_BIN = process.env['K8TS_ETCD_BIN'] ?? '/usr/bin/etcd';

interface Backend {
  name: 'sqlite' | 'etcd';
  skip: string | false;
  /** Extra `k8ts up` flags, and a teardown, for this backend. */
  setup(): Promise<{ args: string[]; teardown(): Promise<void> }>;
}

const backends: Backend[] = [
  { name: 'sqlite', skip: false, setup: async () => ({ args: [], teardown: async () => undefined }) },
  {
    name: 'etcd',
    skip: existsSync(ETCD_BIN) ? false : `etcd binary not found at ${ETCD_BIN}`,
    setup: async () => {
      const etcd: EtcdServer = await startEtcd();
      return { args: ['--datastore', 'etcd', '--etcd-endpoints', etcd.endpoints[0]!], teardown: () => etcd.stop() };
    },
  },
];

describe(`kill -9 durability (seed ${SEED})`, () => {
  for (const backend of backends) {
    test(`[${backend.name}] every acknowledged create survives ${ROUNDS} kill -9 restarts`, { skip: backend.skip, timeout: 150_000 }, async (t) => {
      const dataDir = mkdtempSync(join(tmpdir(), `k8ts-kill9-${backend.name}-`));
      const env = await backend.setup();
      t.after(async () => {
        await env.teardown();
        rmSync(dataDir, { recursive: true, force: true });
      });
      const rng = seededRng(SEED + (backend.name === 'etcd' ? 1 : 0));
      const port = await freeLoopbackPort();
      const ledger = newLedger();
      let readyzEarly = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const r = await killRound({ dataDir, port, args: env.args, round, rng, ledger });
        readyzEarly += r.readyzEarly ? 1 : 0;
        t.diagnostic(`round ${round}: ${r.acked} creates acknowledged before kill -9`);
      }
      t.diagnostic(`/readyz answered 200 before \`up\` finished starting in ${readyzEarly} of ${ROUNDS} starts`);
      const proc = await startOrExplain(dataDir, port, env.args);
      try {
        const present = await listNames(proc.base, dataDir);
        const lost = [...ledger.acked].filter((n) => !present.has(n));
        const unacked = [...present].filter((n) => !ledger.acked.has(n));
        const strangers = unacked.filter((n) => !ledger.attempted.has(n));
        t.diagnostic(
          `${backend.name}: attempted ${ledger.attempted.size}, acknowledged ${ledger.acked.size}, present ${present.size}, ` +
            `lost ${lost.length}, present but unacknowledged ${unacked.length}`,
        );
        assert.deepEqual(ledger.unexpected, [], 'every create answered by a live server is 201');
        assert.deepEqual(lost.slice(0, 20), [], `${lost.length} acknowledged ConfigMaps are missing after kill -9 restarts`);
        assert.deepEqual(strangers, [], 'nothing is present that no client sent');
        // A client has one request in flight at a time, so a kill leaves at most one unanswered create per client.
        assert.ok(ledger.attempted.size - ledger.acked.size <= CLIENTS * ROUNDS, 'only the creates in flight at a kill go unanswered');
      } finally {
        assert.equal(await proc.stop(), '0', `k8ts stops cleanly after the rounds:\n${proc.log}`);
      }
    });
  }
});

interface RoundOptions {
  dataDir: string;
  port: number;
  args: string[];
  round: number;
  rng: Rng;
  ledger: CreateLedger;
}

/** Starts k8ts, runs the creators, SIGKILLs the server at a random moment; returns how many creates were acked. */
async function killRound(o: RoundOptions): Promise<{ acked: number; readyzEarly: boolean }> {
  const proc = await startOrExplain(o.dataDir, o.port, o.args);
  const pki = readAdminPki(o.dataDir);
  const clients = Array.from({ length: CLIENTS }, () => new AdminClient(proc.base, pki));
  try {
    if (o.round === 0) await ensureNamespace(clients[0]!);
    const before = o.ledger.acked.size;
    let killed = false;
    const giveUpAt = Date.now() + KILL_AFTER_MS.max + 15_000; // bounds the creators even if the kill never lands
    const stop = () => killed || Date.now() > giveUpAt;
    const load = runCreators(clients, o.ledger, { namespace: NAMESPACE, prefix: `r${o.round}`, maxPerClient: 100_000, stop });
    const killAfter = between(o.rng, KILL_AFTER_MS.min, KILL_AFTER_MS.max);
    await new Promise((resolve) => setTimeout(resolve, killAfter)); // the chosen kill moment, not a wait for a condition
    if (!proc.isRunning) assert.fail(`k8ts exited by itself (${await proc.exited}) during the load:\n${proc.log}`);
    await proc.kill9();
    killed = true;
    await load;
    const acked = o.ledger.acked.size - before;
    assert.ok(acked > 0, `round ${o.round}: no create was acknowledged in ${killAfter} ms of load`);
    assertStalePidFile(o.dataDir, proc.pid);
    return { acked, readyzEarly: proc.readyzBeforeBanner };
  } finally {
    for (const c of clients) c.close();
    if (proc.isRunning) await proc.kill9();
  }
}

/** After kill -9 the pid file still names the dead process: the next start must treat it as stale. */
function assertStalePidFile(dataDir: string, deadPid: number): void {
  const path = join(dataDir, 'k8ts.pid');
  assert.ok(existsSync(path), 'a killed k8ts leaves its pid file behind (nothing could remove it)');
  assert.equal(Number.parseInt(readFileSync(path, 'utf8'), 10), deadPid);
}

/** Starts k8ts; a refusal because of the pid file is reported as the stale-pid defect it is. */
async function startOrExplain(dataDir: string, port: number, args: string[]): Promise<K8tsProcess> {
  try {
    return await K8tsProcess.start({ dataDir, port, extraArgs: args });
  } catch (err) {
    const msg = (err as Error).message;
    if (msg.includes('already running')) assert.fail(`a stale pid file blocked the restart after kill -9:\n${msg}`);
    throw err;
  }
}

async function ensureNamespace(client: AdminClient): Promise<void> {
  const res = await client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  assert.ok(res.status === 201 || res.status === 409, `create namespace: ${res.status} ${JSON.stringify(res.json)}`);
}

/** Every ConfigMap name in the namespace, read in pages of 500 (bounded by the page count). */
async function listNames(base: URL, dataDir: string): Promise<Set<string>> {
  const client = new AdminClient(base, readAdminPki(dataDir));
  const names = new Set<string>();
  try {
    let next = '';
    for (let page = 0; page < 10_000; page++) {
      const q = `limit=500${next ? `&continue=${encodeURIComponent(next)}` : ''}`;
      const res = await client.request('GET', `/api/v1/namespaces/${NAMESPACE}/configmaps?${q}`);
      assert.equal(res.status, 200, `list: ${JSON.stringify(res.json)}`);
      for (const item of res.json.items as Array<{ metadata: { name: string } }>) names.add(item.metadata.name);
      next = res.json.metadata?.continue ?? '';
      if (!next) return names;
    }
    throw new Error('list did not finish within 10,000 pages');
  } finally {
    client.close();
  }
}
