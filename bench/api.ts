/**
 * `npm run bench:api`: the full HTTPS API server, in this process, on SQLite and then on etcd, driven by a load
 * generator in a child process (bench/load/generator.ts). Prints one markdown table per backend and a summary
 * against the targets. See bench/README.md. Environment overrides: BENCH_BACKENDS=sqlite,etcd BENCH_CREATES,
 * BENCH_GETS, BENCH_LISTS, BENCH_WATCH_UPDATES, BENCH_CLIENTS.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GeneratorMessage, LoadConfig, Row } from './protocol.js';
import { startBenchServer, type BackendName, type BenchServer } from './server.js';
import { markdownTable } from './stats.js';

const LIMIT_MS = 10 * 60_000;
const TARGET = { creates: 2000, p99: 20, ratio: 1.0 };
const num = (name: string, dflt: number): number => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer, got ${process.env[name]}`);
  return v;
};
const BACKENDS = (process.env['BENCH_BACKENDS'] ?? 'sqlite,etcd').split(',') as BackendName[];
const LOAD = {
  namespace: 'bench',
  clients: num('BENCH_CLIENTS', 16),
  creates: num('BENCH_CREATES', 10_000),
  gets: num('BENCH_GETS', 10_000),
  lists: num('BENCH_LISTS', 200),
  listPageSize: 500,
  watchUpdates: num('BENCH_WATCH_UPDATES', 2_000),
};

const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);

/** Everything to stop if the time limit hits. */
const live = { server: undefined as BenchServer | undefined, generator: undefined as ChildProcess | undefined };

const limit = setTimeout(() => {
  log(`ABORTED: the benchmark did not finish within ${LIMIT_MS / 60_000} minutes (see the progress lines above for the phase that hung)`);
  live.generator?.kill('SIGKILL');
  const forceExit = setTimeout(() => process.exit(2), 15_000);
  forceExit.unref();
  void (live.server?.stop() ?? Promise.resolve()).finally(() => process.exit(2));
}, LIMIT_MS);

/** Runs the generator child against `server` and resolves with its rows. */
function generate(server: BenchServer): Promise<Row[]> {
  const cfg: LoadConfig = { url: server.url, ca: server.pki.ca.certPem, cert: server.pki.admin.certPem, key: server.pki.admin.keyPem, ...LOAD };
  const child = fork(fileURLToPath(new URL('./load/generator.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'] });
  live.generator = child;
  return new Promise<Row[]>((resolve, reject) => {
    child.on('message', (m: GeneratorMessage) => {
      if (m.type === 'progress') log(`  ${m.message}`);
      else if (m.type === 'result') resolve(m.rows);
      else reject(new Error(`load generator failed: ${m.message}`));
    });
    child.once('exit', (code, signal) => reject(new Error(`load generator exited (${signal ?? code}) without a result`)));
    child.send(cfg);
  }).finally(() => {
    live.generator = undefined;
    if (child.exitCode === null && child.signalCode === null) child.kill();
  });
}

async function namespace(server: BenchServer): Promise<void> {
  const { request } = await import('node:https');
  const body = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: LOAD.namespace } });
  const status = await new Promise<number>((resolve, reject) => {
    const { ca, admin } = server.pki;
    const req = request(`${server.url}/api/v1/namespaces`, { method: 'POST', ca: ca.certPem, cert: admin.certPem, key: admin.keyPem, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
  if (status !== 201) throw new Error(`create namespace ${LOAD.namespace}: HTTP ${status}`);
}

async function runBackend(backend: BackendName): Promise<Row[]> {
  log(`${backend}: starting the API server`);
  const server = await startBenchServer(backend);
  live.server = server;
  try {
    log(`${backend}: ${server.describe}, API ${server.url}`);
    await namespace(server);
    return await generate(server);
  } finally {
    live.server = undefined;
    await server.stop();
  }
}

function summary(results: Map<BackendName, Row[]>): string[] {
  const creates = (b: BackendName) => results.get(b)?.find((r) => r.verb === 'CREATE');
  const [sq, et] = [creates('sqlite'), creates('etcd')];
  const out: string[] = [];
  if (sq && et) {
    const ratio = sq.opsPerSec / et.opsPerSec;
    out.push(`SQLite creates/s ÷ etcd creates/s = ${sq.opsPerSec.toFixed(0)} ÷ ${et.opsPerSec.toFixed(0)} = ${ratio.toFixed(2)} (target ≥ ${TARGET.ratio.toFixed(1)}: ${ratio >= TARGET.ratio ? 'MET' : 'MISSED'})`);
  }
  if (sq) {
    const ok = sq.opsPerSec >= TARGET.creates && sq.p99 <= TARGET.p99;
    out.push(`SQLite: ${sq.opsPerSec.toFixed(0)} creates/s at p99 ${sq.p99.toFixed(1)} ms (target ≥ ${TARGET.creates} creates/s at p99 ≤ ${TARGET.p99} ms: ${ok ? 'MET' : 'MISSED'})`);
  }
  return out;
}

async function main(): Promise<number> {
  log(`${LOAD.clients} clients; ${LOAD.creates} creates, ${LOAD.gets} gets, ${LOAD.lists} lists (limit ${LOAD.listPageSize}), ${LOAD.watchUpdates} watched updates; backends ${BACKENDS.join(', ')}`);
  const results = new Map<BackendName, Row[]>();
  for (const b of BACKENDS) results.set(b, await runBackend(b));
  for (const [b, rows] of results) process.stdout.write(`\n### ${b}\n\n${markdownTable(rows)}\n`);
  process.stdout.write(`\n${summary(results).join('\n')}\n`);
  return 0;
}

main().then(
  (code) => {
    clearTimeout(limit);
    process.exitCode = code;
  },
  (err: unknown) => {
    clearTimeout(limit);
    log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
