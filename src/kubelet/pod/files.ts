/**
 * The kubelet's host files of a pod: the log directories the runtime writes into (it does not create them) and the
 * managed /etc/hosts. Only used when the kubelet was given podLogsDir / podsDir (real nodes): hollow nodes touch no
 * file. The hosts file is rewritten in place (not renamed over) so containers that bind-mount it see the change.
 */
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { etcHostsPath, podDirectory } from './config/paths.js';

export async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: 0o755 });
}

/** Writes the pod's managed hosts file and returns its path. */
export async function writeHostsFile(podsDir: string, uid: string, content: string): Promise<string> {
  const path = etcHostsPath(podsDir, uid);
  await ensureDir(dirname(path));
  await writeFile(path, content, { mode: 0o644 });
  return path;
}

/**
 * Removes what the kubelet wrote for a pod that is gone: its hosts file (and its directory when nothing else, such
 * as a volume, is left in it) and its log directories (`*_<uid>` under podLogsDir).
 */
export async function removePodFiles(uid: string, dirs: { podsDir?: string; podLogsDir?: string }): Promise<void> {
  if (dirs.podsDir) {
    await rm(etcHostsPath(dirs.podsDir, uid), { force: true });
    await rmdir(podDirectory(dirs.podsDir, uid)).catch(() => undefined);
  }
  if (dirs.podLogsDir) {
    const names = await readdir(dirs.podLogsDir).catch(() => [] as string[]);
    for (const n of names) if (n.endsWith(`_${uid}`)) await rm(join(dirs.podLogsDir, n), { recursive: true, force: true });
  }
}
