/**
 * Runs the real kubectl against an e2e cluster. Every call names the cluster's kubeconfig and a cache directory
 * private to the cluster (one per kubectl version, so the dispatcher's cached /version answer and the discovery
 * caches of different releases never mix), and runs with HOME pointing into the cluster's scratch directory, so
 * nothing reads or writes ~/.kube.
 *
 * Versions: 'dispatcher' is the `kubectl` on PATH, which asks the server's /version and execs
 * `kubectl.1.<minor>` (1.33 against k8ts); '1.28' (etc.) runs `kubectl.1.28` from the same directory directly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

export type KubectlVersion = 'dispatcher' | '1.27' | '1.28' | '1.29' | '1.30' | '1.31' | '1.32' | '1.33';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the call was killed because it exceeded its timeout. */
  timedOut: boolean;
  /** The command line, for messages. */
  command: string;
}

/** What kubectl needs to reach a cluster; `Cluster` (cluster.ts) implements it. */
export interface KubectlTarget {
  kubeconfig: string;
  /** A directory owned by the cluster; kubectl caches and HOME live below it. */
  scratchDir: string;
}

export interface KubectlOptions {
  version?: KubectlVersion;
  /** Written to stdin, which is then closed (stdin is always closed, so nothing can prompt). */
  stdin?: string;
  /** Extra environment (e.g. EDITOR). */
  env?: Record<string, string>;
  /** Kill the call after this long (default 30 s). */
  timeoutMs?: number;
  /** Working directory (default the scratch directory). */
  cwd?: string;
}

let binDir: string | undefined;

/** The directory of the real kubectl binaries (the dispatcher on PATH is a symlink into it). */
export function kubectlBinDir(): string {
  if (binDir) return binDir;
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      binDir = dirname(realpathSync(join(dir, 'kubectl')));
      return binDir;
    } catch {
      // not in this directory
    }
  }
  throw new Error('kubectl not found on PATH');
}

export function kubectlBinary(version: KubectlVersion): string {
  return join(kubectlBinDir(), version === 'dispatcher' ? 'kubectl' : `kubectl.${version}`);
}

function prepare(target: KubectlTarget, args: string[], opts: KubectlOptions): { bin: string; argv: string[]; env: NodeJS.ProcessEnv; command: string } {
  const version = opts.version ?? 'dispatcher';
  const cacheDir = join(target.scratchDir, 'kube-cache', version);
  const home = join(target.scratchDir, 'home');
  mkdirSync(cacheDir, { recursive: true });
  mkdirSync(home, { recursive: true });
  const bin = kubectlBinary(version);
  const argv = ['--kubeconfig', target.kubeconfig, '--cache-dir', cacheDir, ...args];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    KUBECACHEDIR: cacheDir,
    KUBECONFIG: target.kubeconfig,
    LANG: 'C.UTF-8',
    ...opts.env,
  };
  const command = `${version === 'dispatcher' ? 'kubectl' : `kubectl.${version}`} ${args.join(' ')}`;
  return { bin, argv, env, command };
}

/** Runs one kubectl command to completion (bounded by `timeoutMs`). Never rejects on a non-zero exit. */
export function kubectl(target: KubectlTarget, args: string[], opts: KubectlOptions = {}): Promise<KubectlResult> {
  const bg = kubectlBackground(target, args, opts);
  return bg.done;
}

export interface BackgroundKubectl {
  child: ChildProcess;
  /** Output so far. */
  readonly stdout: string;
  readonly stderr: string;
  done: Promise<KubectlResult>;
  /** Stops the call (SIGTERM to this child only). */
  kill(): void;
}

/** Starts kubectl and returns at once; `done` settles when it exits or is killed at its timeout. */
export function kubectlBackground(target: KubectlTarget, args: string[], opts: KubectlOptions = {}): BackgroundKubectl {
  const { bin, argv, env, command } = prepare(target, args, opts);
  const child = spawn(bin, argv, { env, cwd: opts.cwd ?? target.scratchDir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(opts.stdin ?? '');
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const done = new Promise<KubectlResult>((resolve) => {
    child.once('error', (err) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr: stderr + String(err), timedOut, command });
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut, command });
    });
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    done,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** A one-line summary of a result, for assertion messages. */
export function describeResult(r: KubectlResult): string {
  return `\`${r.command}\` → exit ${r.code}${r.timedOut ? ' (timed out)' : ''}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}
