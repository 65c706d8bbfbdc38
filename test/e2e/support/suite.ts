/**
 * The e2e suite shape: `describeBackends(name, body)` runs the same test list once per backend (SQLite, etcd),
 * with one `k8ts up` per backend per file (started in `before`, stopped in `after`). Each `e2e(...)` test gets a
 * fresh namespace and, when it fails, dumps the cluster state (`kubectl get all -A -o yaml`) and the tail of the
 * server log next to the failure (and into a file under the OS temp dir).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { ETCD_BIN, startCluster, type BackendName, type Cluster } from './cluster.js';
import { describeResult, kubectlBackground, type BackgroundKubectl, type KubectlOptions, type KubectlResult } from './kubectl.js';

export { describeResult };
export type { BackendName, Cluster, KubectlResult };

/** What a test body gets: the cluster, its own namespace and helpers bound to both. */
export interface E2E {
  cluster: Cluster;
  ns: string;
  /** `kubectl <args>` (no namespace added). */
  k(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** `kubectl -n <ns> <args>`. */
  kn(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  /** `kubectl -n <ns> <args>`, asserting exit 0; returns stdout. */
  ok(args: string[], opts?: KubectlOptions): Promise<string>;
  /** `kubectl -n <ns> get <what> -o json`, parsed. */
  json(what: string[], opts?: KubectlOptions): Promise<any>;
  /** `kubectl -n <ns> <args>` started in the background. */
  bg(args: string[], opts?: KubectlOptions): BackgroundKubectl;
  /** Writes a file into the test's scratch directory; returns its path. */
  file(name: string, content: string): string;
}

const BACKENDS: BackendName[] = (process.env['K8TS_E2E_BACKENDS']?.split(',') as BackendName[] | undefined) ?? ['sqlite', 'etcd'];

/** A handle the test file's `body` closes over; `e2e()` registers tests on it. */
export interface Suite {
  readonly backend: BackendName;
  readonly cluster: Cluster;
  e2e(name: string, fn: (x: E2E) => Promise<void>, opts?: { timeoutMs?: number; skip?: string | boolean; todo?: string }): void;
}

let namespaces = 0;

/** One describe per backend, each with its own `k8ts up` (plus `upArgs`, e.g. `--hollow-nodes 2`). */
export function describeBackends(name: string, body: (s: Suite) => void, upArgs: string[] = []): void {
  for (const backend of BACKENDS) {
    const skip = backend === 'etcd' && !existsSync(ETCD_BIN) ? `etcd binary not found at ${ETCD_BIN}; etcd variant skipped` : false;
    describe(`${name} [${backend}]`, { skip }, () => {
      let cluster: Cluster | undefined;
      before(async () => {
        cluster = await startCluster(backend, upArgs);
      }, { timeout: 180_000 });
      after(async () => {
        if (!cluster) return;
        await cluster.stop();
        // SIGTERM is a clean stop: exit 0 within the bound.
        assert.equal(cluster.exitCode, 0, `k8ts up (${backend}) exited with ${cluster.exitCode} after SIGTERM:\n${cluster.logTail(40)}`);
      }, { timeout: 60_000 });
      const suite: Suite = {
        backend,
        get cluster() {
          if (!cluster) throw new Error(`no ${backend} cluster (did k8ts up fail? see the before hook)`);
          return cluster;
        },
        e2e(testName, fn, opts = {}) {
          it(testName, { timeout: opts.timeoutMs ?? 90_000, ...(opts.skip ? { skip: opts.skip } : {}), ...(opts.todo ? { todo: opts.todo } : {}) }, async (t) => {
            const c = suite.cluster;
            const ns = `e2e-${process.pid % 10000}-${++namespaces}`;
            const x = bind(c, ns);
            try {
              await x.ok(['create', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }) });
              await fn(x);
            } catch (err) {
              // A todo test documents a known server bug: its failure is expected, so no dump.
              if (opts.todo) t.diagnostic(`known failure (${opts.todo})`);
              else await dumpState(t, c, testName, err);
              throw err;
            }
          });
        },
      };
      body(suite);
    });
  }
}

function bind(cluster: Cluster, ns: string): E2E {
  const dir = mkdtempSync(join(cluster.scratchDir, `${ns}-`));
  const x: E2E = {
    cluster,
    ns,
    k: (args, opts) => cluster.kubectl(args, opts),
    kn: (args, opts) => cluster.kubectl(['-n', ns, ...args], opts),
    ok: async (args, opts) => {
      const r = await cluster.kubectl(['-n', ns, ...args], opts);
      assert.equal(r.code, 0, describeResult(r));
      return r.stdout;
    },
    json: async (what, opts) => JSON.parse(await x.ok(['get', ...what, '-o', 'json'], opts)),
    bg: (args, opts) => kubectlBackground(cluster, ['-n', ns, ...args], opts),
    file: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
  return x;
}

async function dumpState(t: TestContext, cluster: Cluster, testName: string, err: unknown): Promise<void> {
  let state: string;
  try {
    const r = await cluster.kubectl(['get', 'all', '-A', '-o', 'yaml'], { timeoutMs: 15_000 });
    state = r.code === 0 ? r.stdout : describeResult(r);
  } catch (e) {
    state = `(could not dump state: ${String(e)})`;
  }
  const text = [
    `=== e2e failure: ${testName} [${cluster.backend}] ${cluster.url}`,
    String((err as Error)?.stack ?? err),
    '=== kubectl get all -A -o yaml',
    state,
    '=== k8ts up log (tail)',
    cluster.logTail(120),
  ].join('\n');
  const dir = join(tmpdir(), 'k8ts-e2e-failures');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${Date.now()}-${cluster.backend}-${testName.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}.log`);
  writeFileSync(file, text);
  t.diagnostic(`state dumped to ${file}`);
  // Bounded on the reporter: the file has everything.
  t.diagnostic(text.length > 12_000 ? `${text.slice(0, 4_000)}\n…\n${text.slice(-8_000)}` : text);
}

/** Polls `probe` until it returns a truthy value (returned) or the bound passes (then asserts with `what`). */
export async function poll<T>(what: string, probe: () => Promise<T | undefined | false | null>, timeoutMs = 15_000, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Splits table output into rows of cells (header first). Columns are located by the header's column starts
 * (kubectl aligns every column with a tabwriter), so empty cells, e.g. a missing SHORTNAMES, stay in place.
 */
export function tableRows(out: string): string[][] {
  const lines = out.trimEnd().split('\n').filter((l) => l.trim() !== '');
  const head = lines[0];
  if (head === undefined) return [];
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(head); m; m = re.exec(head)) starts.push(m.index);
  return lines.map((l) => starts.map((st, i) => (i + 1 < starts.length ? l.slice(st, starts[i + 1]) : l.slice(st)).trim()));
}

/** The header cells of table output. */
export function header(out: string): string[] {
  return tableRows(out)[0] ?? [];
}

/** The row of a table whose first cell (or cell `col`) is `name`, keyed by the header. */
export function row(out: string, name: string, col = 0): Record<string, string> | undefined {
  const rows = tableRows(out);
  const head = rows[0] ?? [];
  const r = rows.slice(1).find((cells) => cells[col] === name);
  if (!r) return undefined;
  return Object.fromEntries(head.map((h, i) => [h, r[i] ?? '']));
}

/** Asserts `haystack` contains `needle`, with the full kubectl result in the message. */
export function assertIncludes(haystack: string, needle: string | RegExp, r?: KubectlResult): void {
  const ok = typeof needle === 'string' ? haystack.includes(needle) : needle.test(haystack);
  assert.ok(ok, `expected ${typeof needle === 'string' ? JSON.stringify(needle) : needle} in:\n${r ? describeResult(r) : haystack}`);
}
