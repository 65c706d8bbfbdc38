/**
 * `k8ts up` as a child process of the test (run from the TypeScript sources), on a fixed loopback port and a data
 * directory that survives restarts. The test owns the child: it kills it by its PID and nothing else.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminClient } from './admin-client.js';

const BIN = fileURLToPath(new URL('../../../bin/k8ts.js', import.meta.url));
const POLL_MS = 50;
/** What `k8ts up` prints once the control plane is ready, the bootstrap objects exist and the kubeconfig is written. */
const RUNNING_BANNER = 'k8ts is running at';

export interface K8tsOptions {
  dataDir: string;
  port: number;
  /** e.g. ['--datastore', 'etcd', '--etcd-endpoints', 'http://127.0.0.1:2379'] */
  extraArgs?: string[];
  readyTimeoutMs?: number;
}

/** Every child still running, so none outlives the test process even when a test fails midway. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class K8tsProcess {
  private output = '';
  private readyzOk = false;
  /** Whether /readyz answered 200 before `up` reported the control plane ready (bootstrap done). */
  readyzBeforeBanner = false;
  /** Resolves with how the child ended (exit code or signal name). */
  readonly exited: Promise<string>;

  private constructor(
    private readonly child: ChildProcess,
    readonly opts: K8tsOptions,
  ) {
    running.add(child);
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-8000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve(signal ?? String(code));
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get base(): URL {
    return new URL(`https://127.0.0.1:${this.opts.port}`);
  }

  get isRunning(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the child printed (for failure messages). */
  get log(): string {
    return this.output;
  }

  /** Starts `k8ts up` and resolves once it is ready (see waitReady); rejects (after stopping it) if it exits or times out. */
  static async start(opts: K8tsOptions): Promise<K8tsProcess> {
    const proc = K8tsProcess.launch(opts);
    try {
      await proc.waitReady(opts.readyTimeoutMs ?? 60_000);
    } catch (err) {
      await proc.stop();
      throw err;
    }
    return proc;
  }

  /** Spawns `k8ts up` without waiting for anything. */
  static launch(opts: K8tsOptions): K8tsProcess {
    const args = [BIN, 'up', '--no-node', '--data-dir', opts.dataDir, '--port', String(opts.port), '--no-merge-kubeconfig', ...(opts.extraArgs ?? [])];
    const child = spawn(process.execPath, args, {
      env: { ...process.env, K8TS_FROM_SOURCE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new K8tsProcess(child, opts);
  }

  /** SIGKILL to this child's PID; resolves once it has exited (bounded). */
  async kill9(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.waitExit(10_000);
  }

  /** SIGTERM (orderly shutdown), SIGKILL if still running after `graceMs`; resolves with how it ended. */
  async stop(graceMs = 20_000): Promise<string> {
    if (!this.isRunning) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const how = await this.exited;
    clearTimeout(timer);
    return how;
  }

  private async waitExit(timeoutMs: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`k8ts pid ${this.pid} did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Polls GET /readyz (anonymous, server verified with the cluster CA once it exists) until 200, then waits for
   * `up` to print that it is running. /readyz alone is not enough: it answers 200 while the bootstrap objects are
   * still being written (see readyzBeforeBanner), and a kill -9 in that window is a different test.
   * `until: 'readyz'` stops at the first 200 from /readyz.
   */
  /**
   * `serving`: the API handler answers (GET /version is 200) — start-up hooks such as the bootstrap may still run;
   * `readyz`: /readyz is 200; `started`: /readyz is 200 and `up` printed that it is running.
   */
  async waitReady(timeoutMs: number, until: 'started' | 'readyz' | 'serving' = 'started'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const caPath = join(this.opts.dataDir, 'pki', 'ca.crt');
    let client: AdminClient | undefined;
    try {
      while (Date.now() < deadline) {
        if (!this.isRunning) throw new Error(`k8ts exited (${await this.exited}) before it was ready:\n${this.output}`);
        if (!client && existsSync(caPath)) client = new AdminClient(this.base, { ca: readFileSync(caPath, 'utf8') });
        if (until === 'serving' && client && (await client.request('GET', '/version').then((r) => r.status, () => 0)) === 200) return;
        if (!this.readyzOk && client && (await client.request('GET', '/readyz').then((r) => r.status, () => 0)) === 200) {
          this.readyzOk = true;
          this.readyzBeforeBanner = !this.output.includes(RUNNING_BANNER);
        }
        if (this.readyzOk && (until === 'readyz' || this.output.includes(RUNNING_BANNER))) return;
        await new Promise((resolve) => setTimeout(resolve, until === 'started' ? POLL_MS : 2)); // fast: catch the startup window
      }
    } finally {
      client?.close();
    }
    throw new Error(`k8ts not ready within ${timeoutMs} ms:\n${this.output}`);
  }
}
