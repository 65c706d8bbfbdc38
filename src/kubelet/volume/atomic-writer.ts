/**
 * The atomic writer of configMap, secret, downwardAPI and projected volumes (upstream's AtomicWriter): a running
 * container sees either the whole old payload or the whole new one, never a mix.
 *
 * Layout of a volume directory:
 *   ..2026_11_22_04_30_00.a1B2c3/   the payload (a timestamped directory, one per version)
 *   ..data -> ..2026_11_22_04_30_00.a1B2c3
 *   key -> ..data/key               one user-visible symlink per top-level payload name
 *
 * An update writes a new timestamped directory completely, points a temporary symlink `..data_tmp` at it and renames
 * that over `..data` (rename(2) is atomic), then adds the user-visible links of new names, removes those of names
 * that went away, and removes the old timestamped directory. Paths through `key` resolve via `..data`, so the switch
 * is the one rename. An unchanged payload writes nothing.
 */
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../../machinery/clock/clock.js';

export interface FileProjection {
  data: Buffer;
  /** Permission bits (0o644 …). */
  mode: number;
}

/** Relative file path (may contain `/`) → its contents and mode. */
export type Payload = Map<string, FileProjection>;

export const DATA_DIR = '..data';
const DATA_TMP = '..data_tmp';

/** Upstream's validatePath messages; a path must stay inside the volume and not collide with the writer's `..` names. */
export function validatePayloadPath(p: string): void {
  if (p === '') throw new Error('invalid path: must not be empty');
  if (p.startsWith('/')) throw new Error(`invalid path: must be relative path: ${p}`);
  if (p.split('/').includes('..')) throw new Error(`invalid path: must not contain '..': ${p}`);
  if (p.startsWith('..')) throw new Error(`invalid path: must not start with '..': ${p}`);
}

/** A file path that is also a directory of another (`a` and `a/b`) cannot be written. */
function validatePayload(payload: Payload): void {
  const paths = [...payload.keys()];
  for (const p of paths) validatePayloadPath(p);
  for (const p of paths) {
    if (paths.some((q) => q.startsWith(`${p}/`))) throw new Error(`invalid payload: ${p} is both a file and a directory`);
  }
}

/** Go's time format `2006_01_02_15_04_05` in UTC, as upstream names the versions. */
function stamp(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}_${two(d.getUTCMonth() + 1)}_${two(d.getUTCDate())}_${two(d.getUTCHours())}_${two(d.getUTCMinutes())}_${two(d.getUTCSeconds())}`;
}

/** Files under `dir`, relative, with their contents' mode; undefined when `dir` is unreadable. */
async function listFiles(dir: string, prefix = ''): Promise<Map<string, number> | undefined> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => undefined);
  if (!entries) return undefined;
  const out = new Map<string, number>();
  for (const e of entries) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) for (const [k, v] of (await listFiles(dir, rel)) ?? []) out.set(k, v);
    else out.set(rel, (await stat(join(dir, rel))).mode & 0o7777);
  }
  return out;
}

async function samePayload(tsDir: string, payload: Payload): Promise<boolean> {
  const files = await listFiles(tsDir);
  if (!files || files.size !== payload.size) return false;
  for (const [p, f] of payload) {
    if (files.get(p) !== f.mode) return false;
    const cur = await readFile(join(tsDir, p)).catch(() => undefined);
    if (!cur || !cur.equals(f.data)) return false;
  }
  return true;
}

async function writePayload(tsDir: string, payload: Payload): Promise<void> {
  for (const [p, f] of payload) {
    const file = join(tsDir, p);
    await mkdir(dirname(file), { recursive: true, mode: 0o755 });
    await writeFile(file, f.data, { mode: f.mode });
    await chmod(file, f.mode); // writeFile's mode is masked by the umask
  }
}

const topLevelNames = (payload: Payload): Set<string> => new Set([...payload.keys()].map((p) => p.split('/')[0]!));

/** `name -> ..data/name` for every top-level name; any other entry without the `..` prefix goes. */
async function syncUserVisible(dir: string, names: Set<string>): Promise<void> {
  for (const n of names) {
    const link = join(dir, n);
    const want = `${DATA_DIR}/${n}`;
    const cur = await readlink(link).catch(() => undefined);
    if (cur === want) continue;
    await rm(link, { recursive: true, force: true });
    await symlink(want, link);
  }
  for (const e of await readdir(dir)) {
    if (!e.startsWith('..') && !names.has(e)) await rm(join(dir, e), { recursive: true, force: true });
  }
}

/** The writer's test seam: runs after the new version is written and before `..data` switches to it. */
export interface WriteHooks {
  beforeSwap?: (newTsDir: string) => Promise<void>;
}

/**
 * Makes `dir` hold `payload` as described in the file comment; creates `dir` when missing. Returns whether anything
 * changed. Throws before touching the current version when a payload path is invalid.
 */
export async function writeAtomic(dir: string, payload: Payload, clock: Clock, hooks: WriteHooks = {}): Promise<boolean> {
  validatePayload(payload);
  await mkdir(dir, { recursive: true });
  const names = topLevelNames(payload);
  const oldTs = await readlink(join(dir, DATA_DIR)).catch(() => undefined);
  if (oldTs && (await samePayload(join(dir, oldTs), payload))) {
    await syncUserVisible(dir, names);
    return false;
  }
  const tsDir = await mkdtemp(join(dir, `..${stamp(clock.now())}.`));
  await chmod(tsDir, 0o755);
  await writePayload(tsDir, payload);
  await hooks.beforeSwap?.(tsDir);
  const tmp = join(dir, DATA_TMP);
  await rm(tmp, { force: true });
  await symlink(basename(tsDir), tmp);
  await rename(tmp, join(dir, DATA_DIR));
  await syncUserVisible(dir, names);
  await removeOldVersions(dir, basename(tsDir));
  return true;
}

/** Every `..` entry but `..data` and the current version: the previous version and leftovers of a crashed write. */
async function removeOldVersions(dir: string, current: string): Promise<void> {
  for (const e of await readdir(dir)) {
    if (!e.startsWith('..') || e === DATA_DIR || e === current) continue;
    const st = await lstat(join(dir, e)).catch(() => undefined);
    if (st) await rm(join(dir, e), { recursive: true, force: true });
  }
}
