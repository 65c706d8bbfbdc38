/** `k8ts down`: SIGTERM to the k8ts named by the pid file, then wait (bounded) for it to exit. */
import { unlink } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command } from 'commander';
import { formatDuration } from './checklist.js';
import { CliError } from './errors.js';
import { DATA_DIR_HELP, parseSeconds } from './flags.js';
import { dataPaths, defaultDataDir, tildify } from './paths.js';
import { isAlive, isK8tsProcess, readPid } from './pidfile.js';

export function downCommand(): Command {
  return new Command('down')
    .description('stop the k8ts running on a data directory (SIGTERM, then wait for it to exit)')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('--timeout <seconds>', 'how long to wait for it to exit', parseSeconds, 30)
    .action(async (flags: { dataDir?: string; timeout: number }) => {
      await runDown(resolve(flags.dataDir ?? defaultDataDir()), flags.timeout * 1000);
    });
}

export async function runDown(dataDir: string, timeoutMs: number, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const pidFile = dataPaths(dataDir).pidFile;
  const pid = await readPid(pidFile);
  if (pid === undefined) return void out.write(`k8ts is not running on ${tildify(dataDir)} (no pid file)\n`);
  if (!isAlive(pid)) {
    await unlink(pidFile).catch(() => undefined);
    return void out.write(`k8ts is not running on ${tildify(dataDir)} (removed a stale pid file naming pid ${pid})\n`);
  }
  if (!isK8tsProcess(pid)) {
    throw new CliError(`pid ${pid} in ${tildify(pidFile)} is not a k8ts process; not signalling it (remove the pid file if it is stale)`);
  }
  process.kill(pid, 'SIGTERM');
  out.write(`Sent SIGTERM to k8ts (pid ${pid}); waiting for it to exit…\n`);
  const started = performance.now();
  while (isAlive(pid)) {
    if (performance.now() - started > timeoutMs) {
      throw new CliError(`k8ts (pid ${pid}) is still running after ${formatDuration(timeoutMs)}; check its logs, or force it with kill -9 ${pid}`);
    }
    await sleep(100);
  }
  out.write(`✓ k8ts (pid ${pid}) stopped (${formatDuration(performance.now() - started)})\n`);
}
