/**
 * The real Mounter: mount(8) and umount(8) of tmpfs and bind mounts, mount points from /proc/self/mountinfo. Mounting needs root;
 * canMount says so up front so a Memory volume fails with a clear message instead of mount's "only root can do that".
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { mountPointsUnder } from '../node/mounts.js';
import type { Mounter } from './types.js';

const run = promisify(execFile);

async function mustRun(bin: string, args: string[]): Promise<void> {
  try {
    await run(bin, args, { timeout: 30_000 });
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`${bin} ${args.join(' ')} failed: ${stderr || (e as Error).message}`);
  }
}

export const hostMounter: Mounter = {
  canMount: () => process.getuid?.() === 0,
  mountTmpfs: (dir, sizeBytes) => mustRun('mount', ['-t', 'tmpfs', ...(sizeBytes ? ['-o', `size=${sizeBytes}`] : []), 'tmpfs', dir]),
  bindMount: (source, target) => mustRun('mount', ['--bind', source, target]),
  unmount: (dir) => mustRun('umount', [dir]),
  mountPointsUnder: async (dir) => mountPointsUnder(await readFile('/proc/self/mountinfo', 'utf8'), dir),
};
