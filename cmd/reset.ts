/**
 * `k8ts reset`: removes the node's pods and host network changes (node-reset.ts), the data directory and the k8ts
 * context merged into the user's kubeconfig. Refuses while k8ts runs, without confirmation, and for a directory
 * that does not look like a k8ts data directory.
 */
import { readdir, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { removeFromUserKubeconfig, userKubeconfigPath } from '../src/client/kubeconfig/user.js';
import { CliError } from './errors.js';
import { DATA_DIR_HELP } from './flags.js';
import { dataPaths, defaultDataDir, tildify } from './paths.js';
import { resetNode } from './node-reset.js';
import { isK8tsProcess, readPid } from './pidfile.js';

interface ResetFlags {
  dataDir?: string;
  yes?: boolean;
  kubeconfig: boolean;
}

export function resetCommand(): Command {
  return new Command('reset')
    .description('delete all cluster state: the node\'s pods and network changes, the data directory and the k8ts context in ~/.kube/config')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--no-kubeconfig', 'leave the k8ts context in ~/.kube/config')
    .action(async (flags: ResetFlags) => runReset({ ...flags, dataDir: resolve(flags.dataDir ?? defaultDataDir()) }));
}

export async function runReset(f: ResetFlags & { dataDir: string }, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const pid = await readPid(dataPaths(f.dataDir).pidFile);
  if (pid !== undefined && isK8tsProcess(pid)) {
    throw new CliError(`k8ts is running on ${tildify(f.dataDir)} (pid ${pid}); stop it first with \`k8ts down --data-dir ${f.dataDir}\``);
  }
  await checkRemovable(f.dataDir);
  const kubeconfig = userKubeconfigPath();
  const what = `${tildify(f.dataDir)}${f.kubeconfig ? ` and the k8ts context in ${tildify(kubeconfig)}` : ''}`;
  if (!f.yes && !(await confirm(`Remove ${what}? [y/N] `))) {
    throw new CliError(process.stdin.isTTY ? 'reset cancelled' : `k8ts reset removes ${what}; pass --yes to confirm`);
  }
  await resetNode(f.dataDir, out);
  await rm(f.dataDir, { recursive: true, force: true });
  out.write(`✓ removed data directory ${tildify(f.dataDir)}\n`);
  if (!f.kubeconfig) return;
  const res = await removeFromUserKubeconfig(kubeconfig);
  out.write(res.changed ? `✓ removed context k8ts from ${tildify(res.path)} (backup ${tildify(res.backup ?? '')})\n` : `✓ no k8ts context in ${tildify(res.path)}\n`);
}

const MARKERS = new Set(['pki', 'db', 'kubeconfig', 'k8ts.pid', 'containerd', 'pods', 'logs', 'node', 'images']);

/** Guards `rm -rf` against a mistyped --data-dir: only an empty or k8ts-shaped directory goes. */
async function checkRemovable(dir: string): Promise<void> {
  if (dir === '/' || dir === resolve(homedir()) || dir === resolve(process.env.HOME ?? '/')) {
    throw new CliError(`refusing to remove ${dir}; pass the k8ts data directory with --data-dir`);
  }
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (entries.length > 0 && !entries.some((e) => MARKERS.has(e))) {
    throw new CliError(`${dir} does not look like a k8ts data directory (no pki/, db/ or kubeconfig); not removing it`);
  }
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
