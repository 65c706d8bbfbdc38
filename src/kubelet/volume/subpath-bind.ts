/**
 * Pinning a resolved subPath with a bind mount (upstream's volume-subpaths): the path resolveSubPath checked can be
 * changed by a container of the pod (a directory renamed and replaced by a symlink to /) before the runtime mounts
 * it, and the runtime follows symlinks. So the kubelet bind-mounts the path itself onto a target only it controls,
 * then proves the mount holds an object inside the volume, and hands the target to the runtime.
 *
 * The proof, after the bind: the path is resolved again and must still lie inside the volume's real root, and the
 * object it names must be the mounted one (same device and inode). A swap before the bind makes the mount hold
 * another object (or the path resolve outside) and fails; a swap after the bind cannot change what is mounted, at
 * worst it makes the check fail closed. A failed check unmounts the target.
 */
import { lstat, mkdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname, sep } from 'node:path';
import type { Mounter } from './types.js';

const sameObject = (a: Stats, b: Stats): boolean => a.dev === b.dev && a.ino === b.ino;
const within = (p: string, root: string): boolean => p === root || p.startsWith(root === sep ? root : root + sep);

async function makeMountPoint(target: string, dir: boolean): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o750 });
  const cur = await lstat(target).catch(() => undefined);
  if (cur && cur.isDirectory() === dir && !cur.isSymbolicLink()) return;
  if (cur) await rm(target, { recursive: true, force: true });
  if (dir) await mkdir(target, { mode: 0o750 });
  else await writeFile(target, '', { mode: 0o640 });
}

async function verify(volumeRoot: string, resolved: string, target: string): Promise<void> {
  const mounted = await stat(target);
  const again = await realpath(resolved).catch(() => '');
  const inside = again !== '' && within(again, await realpath(volumeRoot));
  const same = inside && sameObject(mounted, await stat(again));
  if (!same) throw new Error(`subpath "${resolved}" changed while it was being mounted: not within volume path "${volumeRoot}"`);
}

/**
 * Bind-mounts `resolved` (resolveSubPath's answer inside `volumeRoot`) on `target` and verifies it; returns the
 * target. A target already mounted with the same object is reused (a container restart); another one is replaced.
 */
export async function bindSubPath(volumeRoot: string, resolved: string, target: string, mounter: Mounter): Promise<string> {
  const want = await stat(resolved);
  if ((await mounter.mountPointsUnder(target)).includes(target)) {
    if (sameObject(await stat(target), want)) return target;
    await mounter.unmount(target);
  }
  await makeMountPoint(target, want.isDirectory());
  await mounter.bindMount(resolved, target);
  try {
    await verify(volumeRoot, resolved, target);
  } catch (e) {
    await mounter.unmount(target);
    throw e;
  }
  return target;
}
