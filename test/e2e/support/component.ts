/**
 * Another k8ts process joined to a test cluster through its kubeconfig: `k8ts controller-manager`, `k8ts sim`,
 * `k8ts scheduler` … Started with the cluster's kubeconfig, ready once its output matches `ready`, stopped by PID
 * (SIGTERM by default; SIGKILL to simulate a crash or a node that stops renewing).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT, type Cluster } from './cluster.js';

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

export interface ComponentProcess {
  readonly pid: number;
  log(): string;
  /** Exit code once it exited (-1 for a signal), undefined while running. */
  readonly exitCode: number | undefined;
  /** Sends the signal and waits (bounded: SIGKILL after 20 s) for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startComponent(cluster: Cluster, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<ComponentProcess> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/k8ts.js'), ...args, '--kubeconfig', cluster.kubeconfig], {
    cwd: REPO_ROOT,
    env: { ...process.env, K8TS_FROM_SOURCE: '1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  let exitCode: number | undefined;
  const append = (d: Buffer): void => {
    output = (output + d.toString()).slice(-256 * 1024);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<void>((res) =>
    child.once('exit', (code) => {
      running.delete(child);
      exitCode = code ?? -1;
      res();
    }),
  );
  const proc: ComponentProcess = {
    pid: child.pid!,
    log: () => output,
    get exitCode() {
      return exitCode;
    },
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (exitCode !== undefined) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!ready.test(output)) {
    if (exitCode !== undefined) throw new Error(`k8ts ${args.join(' ')} exited with ${exitCode} before it was ready:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      await proc.stop('SIGKILL');
      throw new Error(`k8ts ${args.join(' ')} not ready within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return proc;
}
