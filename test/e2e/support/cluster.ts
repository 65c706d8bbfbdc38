/**
 * A real `k8ts up` as a child process, for one datastore backend: SQLite (in the data directory) or a real etcd
 * on loopback started for this cluster alone (`startEtcd`). Everything listens on 127.0.0.1 and lives in a fresh
 * scratch directory under the OS temp dir; `stop()` sends SIGTERM to the k8ts child by its PID (then SIGKILL
 * if it does not exit within the bound), stops the etcd it started and removes the scratch directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEtcd, type EtcdServer } from '../../../src/storage/testing/etcd-server.js';
import { kubectl, type KubectlOptions, type KubectlResult, type KubectlTarget } from './kubectl.js';

export type BackendName = 'sqlite' | 'etcd';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const ETCD_BIN = process.env['K8TS_ETCD_BIN'] ?? '/usr/bin/etcd';

const START_TIMEOUT_MS = Number(process.env['K8TS_E2E_START_TIMEOUT_MS'] ?? 120_000);
const STOP_TIMEOUT_MS = 25_000;
const LOG_LIMIT = 512 * 1024;

/** Every k8ts child still running, killed when this process exits even if a suite forgot to stop it. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined && child.exitCode === null) child.kill('SIGKILL');
});

export interface Cluster extends KubectlTarget {
  backend: BackendName;
  /** https://127.0.0.1:<port> */
  url: string;
  dataDir: string;
  /** The k8ts process's combined stdout and stderr so far (the last 512 KiB). */
  log(): string;
  /** The last `lines` lines of the log. */
  logTail(lines?: number): string;
  /** Exit code of `k8ts up` after stop() (undefined while running). */
  exitCode: number | null | undefined;
  /** Runs kubectl against this cluster. */
  kubectl(args: string[], opts?: KubectlOptions): Promise<KubectlResult>;
  stop(): Promise<void>;
}

class UpProcess implements Cluster {
  url = '';
  exitCode: number | null | undefined;
  private output = '';
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly backend: BackendName,
    readonly scratchDir: string,
    private readonly etcd: EtcdServer | undefined,
    private readonly extraArgs: string[] = [],
  ) {}

  get dataDir(): string {
    return join(this.scratchDir, 'data');
  }

  get kubeconfig(): string {
    return join(this.dataDir, 'kubeconfig');
  }

  log(): string {
    return this.output;
  }

  logTail(lines = 80): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  kubectl(args: string[], opts?: KubectlOptions): Promise<KubectlResult> {
    return kubectl(this, args, opts);
  }

  async start(): Promise<void> {
    const args = [join(REPO_ROOT, 'bin/k8ts.js'), 'up', '--no-node', '--data-dir', this.dataDir, '--port', '0', '--bind-address', '127.0.0.1', '--no-merge-kubeconfig', '--v', '2'];
    if (this.etcd) args.push('--datastore', 'etcd', '--etcd-endpoints', this.etcd.endpoints.join(','));
    args.push(...this.extraArgs);
    const home = join(this.scratchDir, 'home');
    mkdirSync(home, { recursive: true });
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        K8TS_FROM_SOURCE: '1',
        HOME: home,
        KUBECONFIG: join(home, '.kube', 'config'),
        K8TS_DATA_DIR: this.dataDir,
        NODE_OPTIONS: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    running.add(child);
    const append = (d: Buffer): void => {
      this.output += d.toString();
      if (this.output.length > LOG_LIMIT) this.output = this.output.slice(-LOG_LIMIT);
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    this.exited = new Promise((res) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        this.exitCode = code ?? (signal ? -1 : null);
        res();
      }),
    );

    const deadline = Date.now() + START_TIMEOUT_MS;
    // The listener is up once the checklist names it; the kubeconfig step follows the ready gate.
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`k8ts up (${this.backend}) exited with ${this.exitCode} before it was ready:\n${this.logTail(60)}`);
      const m = /✓ API server (https:\/\/127\.0\.0\.1:\d+)/.exec(this.output);
      if (m && /✓ kubeconfig written/.test(this.output) && existsSync(this.kubeconfig)) {
        this.url = m[1]!;
        break;
      }
      await sleep(100);
    }
    if (!this.url) throw new Error(`k8ts up (${this.backend}) not ready within ${START_TIMEOUT_MS} ms:\n${this.logTail(60)}`);

    // /readyz through kubectl, exactly as a user would check it.
    let last: KubectlResult | undefined;
    while (Date.now() < deadline) {
      last = await this.kubectl(['get', '--raw', '/readyz'], { timeoutMs: 10_000 });
      if (last.code === 0 && last.stdout.trim() === 'ok') return;
      await sleep(200);
    }
    throw new Error(`/readyz never answered ok: exit ${last?.code} ${last?.stdout} ${last?.stderr}\n${this.logTail(60)}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && this.exitCode === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await this.exited;
      clearTimeout(timer);
    }
    await this.etcd?.stop();
    if (!process.env['K8TS_E2E_KEEP']) rmSync(this.scratchDir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Starts `k8ts up` on `backend` (and, for etcd, a fresh etcd for it) and waits until /readyz says ok. */
export async function startCluster(backend: BackendName, extraArgs: string[] = []): Promise<Cluster> {
  const scratch = mkdtempSync(join(tmpdir(), `k8ts-e2e-${backend}-`));
  let etcd: EtcdServer | undefined;
  try {
    if (backend === 'etcd') etcd = await startEtcd();
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  const cluster = new UpProcess(backend, scratch, etcd, extraArgs);
  try {
    await cluster.start();
  } catch (err) {
    await cluster.stop().catch(() => undefined);
    throw err;
  }
  return cluster;
}
