/**
 * Mounts left under a directory (overlay rootfs mounts of containers whose shims were killed): found in this
 * process's mount namespace, unmounted deepest first (lazily: a busy mount detaches now and goes when released).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Mount points at or below `dir` in a mountinfo text, deepest first. Octal escapes (\040 for a space) decoded. */
export function mountPointsUnder(mountinfo: string, dir: string): string[] {
  const points = mountinfo
    .split('\n')
    .map((l) => l.split(' ')[4]?.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((m): m is string => !!m && (m === dir || m.startsWith(`${dir}/`)));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export function mountsUnder(dir: string): string[] {
  return mountPointsUnder(readFileSync('/proc/self/mountinfo', 'utf8'), dir);
}

/** Unmounts every mount under `dir`; returns how many were unmounted. */
export async function unmountUnder(dir: string): Promise<number> {
  let n = 0;
  for (const m of mountsUnder(dir)) {
    try {
      await run('umount', ['-l', m]);
      n++;
    } catch {
      // gone already (a parent's lazy unmount took it)
    }
  }
  return n;
}
