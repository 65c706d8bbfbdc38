/**
 * hostPath type checks, as upstream's hostPath plugin: the *OrCreate types create what is missing (a 0755
 * directory with its parents; an empty 0644 file whose parent must exist), the others verify what is there with
 * upstream's messages, and '' (or an unset type) checks nothing. The path is used as it is: symlinks in it are
 * followed by the runtime's bind mount, as upstream.
 */
import { chmod, mkdir, open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

type Check = (s: Stats) => boolean;

const CHECKS: Record<string, { is: Check; what: string }> = {
  Directory: { is: (s) => s.isDirectory(), what: 'a directory' },
  File: { is: (s) => s.isFile(), what: 'a file' },
  Socket: { is: (s) => s.isSocket(), what: 'a socket file' },
  CharDevice: { is: (s) => s.isCharacterDevice(), what: 'a character device' },
  BlockDevice: { is: (s) => s.isBlockDevice(), what: 'a block device' },
};

const statOrUndefined = (p: string): Promise<Stats | undefined> => stat(p).catch(() => undefined);

async function create(path: string, type: 'DirectoryOrCreate' | 'FileOrCreate'): Promise<void> {
  if (type === 'DirectoryOrCreate') {
    await mkdir(path, { recursive: true, mode: 0o755 });
    await chmod(path, 0o755);
    return;
  }
  try {
    await (await open(path, 'wx', 0o644)).close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`hostPath type check failed: cannot create file ${path}: ${(e as Error).message}`);
  }
  await chmod(path, 0o644);
}

/** Resolves when `path` has the hostPath `type` (after creating it for the *OrCreate types); throws otherwise. */
export async function checkHostPathType(path: string, type: string | undefined): Promise<void> {
  if (!type) return;
  const st = await statOrUndefined(path);
  let check = type;
  if (type === 'DirectoryOrCreate' || type === 'FileOrCreate') {
    if (!st) {
      await create(path, type);
      return;
    }
    check = type === 'DirectoryOrCreate' ? 'Directory' : 'File';
  }
  const c = CHECKS[check];
  if (!c) throw new Error(`${type} is an invalid volume type`);
  if (!st || !c.is(st)) throw new Error(`hostPath type check failed: ${path} is not ${c.what}`);
}
