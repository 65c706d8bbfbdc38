/**
 * The user's kubeconfig (the first path of $KUBECONFIG, else ~/.kube/config): merging the k8ts context into it,
 * and removing it again. Every change first copies the existing file to `<file>.bak-<timestamp>`; an unchanged
 * merge writes nothing (no backup piles up across restarts).
 */
import { copyFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { readKubeconfig, serializeKubeconfig, writeKubeconfig } from './file.js';
import { mergeContext, removeContext } from './merge.js';
import type { Kubeconfig } from './types.js';

export const CONTEXT_NAME = 'k8ts';

export function userKubeconfigPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const first = (env.KUBECONFIG ?? '').split(delimiter).find((p) => p.trim() !== '');
  return first ?? join(env.HOME || home, '.kube', 'config');
}

export interface ChangeResult {
  path: string;
  /** The backup of the previous file, if there was one. */
  backup?: string;
  changed: boolean;
}

/** `config.bak-20240612T101112Z` */
export function backupPath(path: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${path}.bak-${stamp}`;
}

async function backup(path: string, now: Date): Promise<string> {
  let target = backupPath(path, now);
  for (let i = 1; ; i++) {
    try {
      await copyFile(path, target, 1 /* COPYFILE_EXCL */);
      return target;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      target = `${backupPath(path, now)}.${i}`;
    }
  }
}

export async function mergeIntoUserKubeconfig(path: string, from: Kubeconfig, now = new Date(), name = CONTEXT_NAME): Promise<ChangeResult> {
  const { config, exists } = await readKubeconfig(path);
  const merged = mergeContext(config, from, name);
  if (exists && serializeKubeconfig(merged) === serializeKubeconfig(config)) return { path, changed: false };
  const saved = exists ? await backup(path, now) : undefined;
  await writeKubeconfig(path, merged);
  return { path, ...(saved ? { backup: saved } : {}), changed: true };
}

export async function removeFromUserKubeconfig(path: string, now = new Date(), name = CONTEXT_NAME): Promise<ChangeResult> {
  const { config, exists } = await readKubeconfig(path);
  const { config: next, removed } = removeContext(config, name);
  if (!exists || !removed) return { path, changed: false };
  const saved = await backup(path, now);
  await writeKubeconfig(path, next);
  return { path, backup: saved, changed: true };
}
