/**
 * `<data-dir>/k8ts.pid`: one running k8ts per data directory. Created exclusively; a pid file whose process is
 * gone (or is not a k8ts) is stale and replaced.
 */
import { readFileSync } from 'node:fs';
import { open, readFile, unlink } from 'node:fs/promises';
import { CliError } from './errors.js';

export async function readPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Whether `pid` exists and has not exited (a zombie waiting for its parent to reap it has exited). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

const K8TS_ARG = /(^|\/)(k8ts(\.js)?|cmd\/main\.(ts|js))$/;

/** Whether `pid` is a live k8ts (its command line names bin/k8ts.js or cmd/main). Without /proc, trusts liveness. */
export function isK8tsProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => K8TS_ARG.test(arg));
  } catch {
    return process.platform !== 'linux';
  }
}

export interface PidFile {
  release(): Promise<void>;
}

export async function acquirePidFile(path: string, dataDir: string): Promise<PidFile> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o644);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return { release: () => releasePidFile(path) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const pid = await readPid(path);
    if (pid !== undefined && pid !== process.pid && isK8tsProcess(pid)) {
      throw new CliError(`k8ts is already running on ${dataDir} (pid ${pid}); stop it with \`k8ts down --data-dir ${dataDir}\``);
    }
    await unlink(path).catch(() => undefined); // stale
  }
  throw new CliError(`could not create ${path}: another k8ts is starting on ${dataDir}`);
}

async function releasePidFile(path: string): Promise<void> {
  if ((await readPid(path)) === process.pid) await unlink(path).catch(() => undefined);
}
