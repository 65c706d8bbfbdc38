/**
 * `k8ts up` with its real node (containerd, CNI bridge, kubelet) inside a test-made network namespace, as a child
 * process of this test (PID known, signalled by PID only). The data directory, HOME and kubectl caches live in a
 * scratch directory. `stop()` sends SIGTERM and waits; `reset()` runs `k8ts reset --yes` in the same namespace.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { which } from '../../../src/kubelet/runtime/containerd/binaries.js';
import { STATIC_BUSYBOX } from '../../../src/kubelet/runtime/containerd/oci-image.js';
import { nodePreflight } from '../../../src/kubelet/runtime/containerd/preflight.js';
import { REPO_ROOT } from './cluster.js';
import { kubectlIn, type NetnsKubectlResult, type TestNetns } from './netns.js';

const LOG_LIMIT = 512 * 1024;

/** Why a real-node e2e cannot run here (not root, a binary missing), or false. */
export function nodeSkipReason(): string | false {
  if (process.getuid?.() !== 0) return 'needs root (containerd, runc, CNI, routes in a network namespace)';
  const problems = nodePreflight({ uid: 0, ownRuntime: true });
  if (problems.length) return problems[0]!;
  for (const bin of ['nsenter', 'kubectl', 'tar', 'curl']) if (!which(bin)) return `${bin} not on PATH`;
  if (!existsSync(STATIC_BUSYBOX)) return `${STATIC_BUSYBOX} missing (apt-get install -y busybox-static)`;
  return false;
}

/** Polls `fn` every 250 ms until it returns something other than undefined (falsy values count), or fails at `ms`. */
export async function pollDefined<T>(what: string, ms: number, fn: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) assert.fail(`${what}: not within ${ms} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export class NodeCluster {
  readonly dataDir: string;
  readonly kubeconfig: string;
  exitCode: number | null | undefined;
  private output = '';
  private child?: ChildProcess;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly ns: TestNetns,
    readonly scratchDir: string,
    readonly nodeName: string,
    private readonly extraArgs: string[] = [],
  ) {
    this.dataDir = join(scratchDir, 'data');
    this.kubeconfig = join(this.dataDir, 'kubeconfig');
    mkdirSync(join(scratchDir, 'home'), { recursive: true });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  log(): string {
    return this.output;
  }

  private env(): NodeJS.ProcessEnv {
    const home = join(this.scratchDir, 'home');
    return { ...process.env, K8TS_FROM_SOURCE: '1', HOME: home, KUBECONFIG: join(home, '.kube', 'config'), K8TS_DATA_DIR: this.dataDir, NODE_OPTIONS: '' };
  }

  /** Starts `k8ts up` and resolves once the checklist says the node registered and k8ts runs. */
  async start(timeoutMs: number): Promise<void> {
    const args = [join(REPO_ROOT, 'bin/k8ts.js'), 'up', '--data-dir', this.dataDir, '--port', '0', '--no-merge-kubeconfig', '--node-name', this.nodeName, '--v', '2', ...this.extraArgs];
    const child = this.ns.spawn(process.execPath, args, { cwd: REPO_ROOT, env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const append = (d: Buffer): void => {
      this.output = (this.output + d.toString()).slice(-LOG_LIMIT);
    };
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
    this.exited = new Promise((res) => child.once('exit', (code, signal) => ((this.exitCode = code ?? (signal ? -1 : null)), res())));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`k8ts up exited with ${this.exitCode} before it was ready:\n${this.tail()}`);
      if (/k8ts is running at/.test(this.output)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`k8ts up not ready within ${timeoutMs} ms:\n${this.tail()}`);
  }

  tail(lines = 60): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  kubectl(args: string[], timeoutMs?: number, stdin?: string): Promise<NetnsKubectlResult> {
    return kubectlIn(this.ns, this.kubeconfig, this.scratchDir, args, timeoutMs, stdin);
  }

  /** SIGTERM to our child by PID, SIGKILL after `graceMs`; resolves once it exited. */
  async stop(graceMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** `k8ts reset --yes` on the data directory, in the same network namespace. */
  reset(): Promise<{ code: number; stdout: string; stderr: string }> {
    return this.ns.exec(process.execPath, [join(REPO_ROOT, 'bin/k8ts.js'), 'reset', '--data-dir', this.dataDir, '--yes'], { timeoutMs: 120_000, env: this.env() });
  }
}
