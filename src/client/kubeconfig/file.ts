/** Reading and writing kubeconfig YAML files (mode 0600: they hold private keys). */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parse, stringify } from 'yaml';
import { emptyKubeconfig, type Kubeconfig } from './types.js';

export function parseKubeconfig(text: string, source = 'kubeconfig'): Kubeconfig {
  const doc: unknown = text.trim() === '' ? {} : parse(text);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new Error(`${source}: not a kubeconfig (expected a YAML mapping)`);
  }
  const cfg = { ...emptyKubeconfig(), ...(doc as Partial<Kubeconfig>) } as Kubeconfig;
  for (const list of ['clusters', 'users', 'contexts'] as const) {
    if (cfg[list] == null) cfg[list] = [];
    if (!Array.isArray(cfg[list])) throw new Error(`${source}: "${list}" must be a list`);
  }
  return cfg;
}

export const serializeKubeconfig = (cfg: Kubeconfig): string => stringify(cfg, { lineWidth: 0 });

/** The parsed file, or an empty kubeconfig when the file does not exist. */
export async function readKubeconfig(path: string): Promise<{ config: Kubeconfig; exists: boolean }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { config: emptyKubeconfig(), exists: false };
    throw err;
  }
  return { config: parseKubeconfig(text, path), exists: true };
}

/** Atomic write (temporary file + rename) with mode 0600; creates the directory (0700) if needed. */
export async function writeKubeconfig(path: string, cfg: Kubeconfig): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(serializeKubeconfig(cfg));
    await fh.chmod(0o600);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path).catch(async (err: unknown) => {
    await unlink(tmp).catch(() => undefined);
    throw err;
  });
}
