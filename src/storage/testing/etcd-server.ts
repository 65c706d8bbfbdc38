import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EtcdServerOptions {
  /** The etcd binary (default /usr/bin/etcd, or $K8TS_ETCD_BIN). */
  binary?: string;
  /** How long to wait for /health (default 20 s). */
  startTimeoutMs?: number;
}

/** A single-member etcd on loopback, owned by this process. */
export interface EtcdServer {
  endpoints: string[];
  dataDir: string;
  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and keeps the data; start it again with `restart`. */
  restart(): Promise<void>;
  /** Stops the process and removes the data directory. */
  stop(): Promise<void>;
}

/** Binds a free loopback port and keeps it bound until `release`. */
function holdPort(): Promise<{ port: number; release(): Promise<void> }> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (!addr || typeof addr !== 'object') return reject(new Error('no port'));
      resolve({ port: addr.port, release: () => new Promise((r) => srv.close(() => r())) });
    });
  });
}

/**
 * Two distinct free loopback ports (both held at once, so they differ). Another process may take one before
 * etcd binds it; that is rare and makes the start fail loudly rather than talk to a stranger.
 */
async function freePorts(): Promise<[number, number]> {
  const a = await holdPort();
  const b = await holdPort();
  await Promise.all([a.release(), b.release()]);
  return [a.port, b.port];
}

/** Every child still running, so they die with this process even when a test forgets to stop them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.pid !== undefined) child.kill('SIGKILL');
});

class Server implements EtcdServer {
  readonly endpoints: string[];
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly dataDir: string,
    private readonly clientPort: number,
    private readonly peerPort: number,
    private readonly opts: EtcdServerOptions,
  ) {
    this.endpoints = [`http://127.0.0.1:${clientPort}`];
  }

  async start(): Promise<void> {
    const peer = `http://127.0.0.1:${this.peerPort}`;
    const args = [
      ...['--name', 'k8ts-test', '--data-dir', this.dataDir],
      ...['--listen-client-urls', this.endpoints[0]!, '--advertise-client-urls', this.endpoints[0]!],
      ...['--listen-peer-urls', peer, '--initial-advertise-peer-urls', peer],
      ...['--initial-cluster', `k8ts-test=${peer}`, '--initial-cluster-state', 'new'],
      ...['--logger', 'zap', '--log-level', 'error'],
    ];
    const bin = this.opts.binary ?? process.env['K8TS_ETCD_BIN'] ?? '/usr/bin/etcd';
    const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    running.add(child);
    this.output = '';
    child.stderr?.on('data', (d: Buffer) => (this.output = (this.output + d.toString()).slice(-4000)));
    child.once('exit', () => running.delete(child));
    await this.waitHealthy(child, this.opts.startTimeoutMs ?? 20_000);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** Polls /health until it answers healthy, the process exits, or the deadline passes. */
  private async waitHealthy(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`etcd exited (${child.exitCode ?? child.signalCode}): ${this.output}`);
      }
      try {
        const res = await fetch(`${this.endpoints[0]}/health`, { signal: AbortSignal.timeout(1000) });
        const body = (await res.json()) as { health?: string };
        if (res.ok && body.health === 'true') return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await this.kill();
    throw new Error(`etcd not healthy within ${timeoutMs} ms: ${this.output}`);
  }

  /** Stops the child this server spawned, by its PID only. */
  private async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Starts a fresh etcd with a temporary data dir on free loopback ports and waits until it is healthy. */
export async function startEtcd(opts: EtcdServerOptions = {}): Promise<EtcdServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-etcd-'));
  const [clientPort, peerPort] = await freePorts();
  const server = new Server(dataDir, clientPort, peerPort, opts);
  try {
    await server.start();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  return server;
}
