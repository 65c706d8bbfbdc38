/**
 * Starts and stops a containerd of k8ts' own: writes config.toml under the given directory, runs containerd as a
 * child process (its output to containerd.log there), waits until the socket answers CRI Version, and stops it by
 * its PID (SIGTERM, a bounded wait, then SIGKILL). Stopping containerd leaves shims and containers running, as a
 * containerd restart does: removing pods is the kubelet's job.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { realClock, type Clock } from '../../../machinery/clock/clock.js';
import { CriClient } from '../cri/client.js';
import type { VersionResponse } from '../interface.js';
import { requireBinary } from './binaries.js';
import {
  DEFAULT_SANDBOX_IMAGE,
  containerdLayout,
  renderContainerdConfig,
  type ContainerdConfigOptions,
  type ContainerdLayout,
} from './config.js';
import { stopOrphanedContainerd } from './orphan.js';

export interface ContainerdLaunchOptions extends Partial<ContainerdConfigOptions> {
  /** Everything of this containerd lives here (created if missing). */
  dir: string;
  /** How long to wait for the CRI to answer (default 20 s). */
  startTimeoutMs?: number;
  clock?: Clock;
}

export interface RunningContainerd {
  readonly pid: number;
  readonly layout: ContainerdLayout;
  /** The CRI endpoint (`unix:///…/containerd.sock`). */
  readonly endpoint: string;
  readonly version: VersionResponse;
  /** The pid of a containerd left running on this directory by a k8ts that died, stopped before this one started. */
  readonly replacedOrphan?: number;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const sleep = (clock: Clock, ms: number) => new Promise<void>((r) => clock.setTimeout(r, ms));

export async function startContainerd(opts: ContainerdLaunchOptions): Promise<RunningContainerd> {
  const binary = requireBinary('containerd', 'containerd');
  requireBinary('runc', 'runc');
  const clock = opts.clock ?? realClock;
  const layout = containerdLayout(opts.dir);
  for (const d of [layout.dir, layout.root, layout.state, layout.cniConfDir]) mkdirSync(d, { recursive: true });
  const config = renderContainerdConfig(layout, {
    sandboxImage: opts.sandboxImage ?? DEFAULT_SANDBOX_IMAGE,
    cniBinDir: opts.cniBinDir,
    registryConfigPath: opts.registryConfigPath,
    logLevel: opts.logLevel,
  });
  writeFileSync(layout.configFile, config);
  const replacedOrphan = await stopOrphanedContainerd(layout, clock);

  const log = openSync(layout.logFile, 'a');
  const child = spawn(binary, ['--config', layout.configFile], { stdio: ['ignore', log, log], detached: true });
  closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid === undefined) throw new Error(`containerd did not start: ${tail(layout.logFile)}`);
  const pid = child.pid;
  writeFileSync(layout.pidFile, `${pid}\n`);
  const stop = async (graceMs = 10_000) => {
    await stopChild(child, exited, clock, graceMs);
    rmSync(layout.pidFile, { force: true });
  };

  try {
    const version = await waitForCri(layout, child, clock, opts.startTimeoutMs ?? 20_000);
    return { pid, layout, endpoint: `unix://${layout.socket}`, version, stop, ...(replacedOrphan ? { replacedOrphan } : {}) };
  } catch (e) {
    await stop(2_000);
    throw e;
  }
}

/** Polls until the socket exists and CRI Version answers; fails fast (with the log's tail) if containerd exits. */
async function waitForCri(
  layout: ContainerdLayout,
  child: ChildProcess,
  clock: Clock,
  timeoutMs: number,
): Promise<VersionResponse> {
  const deadline = clock.now().getTime() + timeoutMs;
  let lastError: unknown;
  while (clock.now().getTime() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`containerd exited (${child.exitCode ?? child.signalCode}) while starting: ${tail(layout.logFile)}`);
    }
    if (existsSync(layout.socket)) {
      const client = new CriClient({ endpoint: layout.socket, requestTimeoutMs: 2_000 });
      try {
        return await client.version();
      } catch (e) {
        lastError = e;
      } finally {
        client.close();
      }
    }
    await sleep(clock, 50);
  }
  const why = lastError instanceof Error ? lastError.message : 'socket never appeared';
  throw new Error(`containerd did not answer CRI Version within ${timeoutMs} ms (${why}): ${tail(layout.logFile)}`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>, clock: Clock, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signal(child, 'SIGTERM');
  let timer: { cancel(): void } | undefined;
  const timedOut = new Promise<boolean>((r) => (timer = clock.setTimeout(() => r(true), graceMs)));
  const gone = await Promise.race([exited.then(() => false), timedOut]);
  timer?.cancel();
  if (gone) {
    signal(child, 'SIGKILL');
    await exited;
  }
}

/** Signals our own child by its PID only. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    process.kill(child.pid!, sig);
  } catch {
    // already gone
  }
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
