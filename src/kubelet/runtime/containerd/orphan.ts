/**
 * A containerd left running on a layout by a k8ts that died without stopping it (kill -9): found by the pid file
 * the launcher writes, confirmed by its command line naming this layout's config file (so a reused PID is never
 * signalled), and stopped (SIGTERM, a bounded wait, SIGKILL) before a new one starts on the same root and sockets.
 * Its shims and containers keep running, as on any containerd restart.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Clock } from '../../../machinery/clock/clock.js';
import type { ContainerdLayout } from './config.js';

/** The pid of a live containerd serving `layout`, if its pid file names one. */
export function runningContainerdPid(layout: ContainerdLayout): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(layout.pidFile, 'utf8').trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const i = argv.indexOf('--config');
    const zombie = /^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return !zombie && argv[0]?.endsWith('containerd') && i >= 0 && argv[i + 1] === layout.configFile ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Stops an orphaned containerd of this layout; resolves with its pid, or undefined when there was none. */
export async function stopOrphanedContainerd(layout: ContainerdLayout, clock: Clock, graceMs = 10_000): Promise<number | undefined> {
  const pid = runningContainerdPid(layout);
  if (pid === undefined) {
    rmSync(layout.pidFile, { force: true });
    return undefined;
  }
  const kill = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // gone
    }
  };
  kill('SIGTERM');
  const deadline = clock.now().getTime() + graceMs;
  while (runningContainerdPid(layout) === pid && clock.now().getTime() < deadline) await new Promise<void>((r) => clock.setTimeout(r, 50));
  if (runningContainerdPid(layout) === pid) kill('SIGKILL');
  while (runningContainerdPid(layout) === pid) await new Promise<void>((r) => clock.setTimeout(r, 50));
  rmSync(layout.pidFile, { force: true });
  return pid;
}
