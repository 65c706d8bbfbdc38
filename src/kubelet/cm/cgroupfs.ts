/**
 * The cgroupfs driver's file operations on one cgroup path (relative to every hierarchy's root, e.g.
 * `k8ts-kubepods/burstable/pod<uid>`), as upstream's cgroupManagerImpl with libcontainer's fs managers:
 * - `ensureCgroup` creates the directory level by level in every hierarchy. On v1 a new cpuset level starts with
 *   empty cpuset.cpus/mems, which would make attaching any task fail, so each new level copies its parent's; on v2
 *   each parent's cgroup.subtree_control gets the controllers the children need.
 * - `writeResources` writes only the fields that are set (an absent field keeps the kernel's value).
 * - `removeCgroup` removes the directory and any leftover children bottom-up, never a cgroup that still has
 *   processes: those are reported as busy so the caller retries once the runtime has stopped them.
 */
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CgroupLayout } from './hierarchy.js';
import { hierarchyFor } from './hierarchy.js';
import { sharesToWeight, type CgroupResources } from './pod-resources.js';

/** The v2 controllers the pod hierarchy delegates (those the parent offers; the rest are skipped). */
const V2_CONTROLLERS = ['cpu', 'cpuset', 'memory', 'pids', 'io', 'hugetlb'];

const isCode = (e: unknown, ...codes: string[]): boolean => codes.includes((e as NodeJS.ErrnoException)?.code ?? '');

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (e) {
    if (isCode(e, 'ENOENT')) return fallback;
    throw e;
  }
}

export async function ensureCgroup(layout: CgroupLayout, path: string): Promise<void> {
  const parts = path.split('/').filter(Boolean);
  for (const h of layout.hierarchies) {
    for (let i = 1; i <= parts.length; i++) {
      const parent = join(h.mountpoint, ...parts.slice(0, i - 1));
      const dir = join(h.mountpoint, ...parts.slice(0, i));
      if (h.version === 2 && layout.version === 2) await delegateControllers(parent);
      const created = await mkdirOnce(dir);
      if (created && h.version === 1 && h.controllers.includes('cpuset')) await inheritCpuset(parent, dir);
    }
  }
}

async function mkdirOnce(dir: string): Promise<boolean> {
  try {
    await mkdir(dir);
    return true;
  } catch (e) {
    if (isCode(e, 'EEXIST')) return false;
    throw e;
  }
}

async function inheritCpuset(parent: string, dir: string): Promise<void> {
  for (const file of ['cpuset.cpus', 'cpuset.mems']) {
    if ((await readOr(join(dir, file), '')) !== '') continue;
    await writeFile(join(dir, file), await readOr(join(parent, file), ''));
  }
}

async function delegateControllers(parent: string): Promise<void> {
  const offered = (await readOr(join(parent, 'cgroup.controllers'), '')).split(/\s+/);
  const enabled = new Set((await readOr(join(parent, 'cgroup.subtree_control'), '')).split(/\s+/));
  for (const c of V2_CONTROLLERS) {
    if (offered.includes(c) && !enabled.has(c)) await writeFile(join(parent, 'cgroup.subtree_control'), `+${c}`);
  }
}

export async function writeResources(layout: CgroupLayout, path: string, r: CgroupResources): Promise<void> {
  const writes = layout.version === 2 ? v2Writes(r) : v1Writes(r);
  for (const [controller, file, value] of writes) {
    const h = hierarchyFor(layout, controller);
    if (h) await writeFile(join(h.mountpoint, path, file), value);
  }
}

type Write = [controller: string, file: string, value: string];

function v1Writes(r: CgroupResources): Write[] {
  const w: Write[] = [];
  if (r.cpuShares !== undefined) w.push(['cpu', 'cpu.shares', String(r.cpuShares)]);
  // The period first: a quota is only valid relative to the period in force.
  if (r.cpuPeriod !== undefined) w.push(['cpu', 'cpu.cfs_period_us', String(r.cpuPeriod)]);
  if (r.cpuQuota !== undefined) w.push(['cpu', 'cpu.cfs_quota_us', String(r.cpuQuota)]);
  if (r.memoryLimitBytes !== undefined) w.push(['memory', 'memory.limit_in_bytes', String(r.memoryLimitBytes)]);
  if (r.pidsLimit !== undefined) w.push(['pids', 'pids.max', String(r.pidsLimit)]);
  return w;
}

function v2Writes(r: CgroupResources): Write[] {
  const w: Write[] = [];
  if (r.cpuShares !== undefined) w.push(['cpu', 'cpu.weight', String(sharesToWeight(r.cpuShares))]);
  if (r.cpuQuota !== undefined) w.push(['cpu', 'cpu.max', `${r.cpuQuota} ${r.cpuPeriod ?? 100_000}`]);
  if (r.memoryLimitBytes !== undefined) w.push(['memory', 'memory.max', String(r.memoryLimitBytes)]);
  if (r.pidsLimit !== undefined) w.push(['pids', 'pids.max', String(r.pidsLimit)]);
  return w;
}

/** Directories that could not be removed because processes are still in them (or the kernel said EBUSY). */
export interface RemoveResult {
  busy: string[];
}

export async function removeCgroup(layout: CgroupLayout, path: string): Promise<RemoveResult> {
  const busy: string[] = [];
  for (const h of layout.hierarchies) await removeTree(join(h.mountpoint, path), busy);
  return { busy };
}

async function removeTree(dir: string, busy: string[]): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isCode(e, 'ENOENT')) return true;
    throw e;
  }
  let childrenGone = true;
  for (const e of entries) if (e.isDirectory() && !(await removeTree(join(dir, e.name), busy))) childrenGone = false;
  if (!childrenGone) return false;
  if ((await readOr(join(dir, 'cgroup.procs'), '')) !== '') {
    busy.push(dir);
    return false;
  }
  try {
    await rmdir(dir);
    return true;
  } catch (e) {
    if (isCode(e, 'ENOENT')) return true;
    if (!isCode(e, 'EBUSY', 'ENOTEMPTY')) throw e;
    busy.push(dir);
    return false;
  }
}

/** Names of the child cgroups of `path`, over all hierarchies (a pod's directory may be left in only some). */
export async function listChildren(layout: CgroupLayout, path: string): Promise<string[]> {
  const names = new Set<string>();
  for (const h of layout.hierarchies) {
    try {
      for (const e of await readdir(join(h.mountpoint, path), { withFileTypes: true })) if (e.isDirectory()) names.add(e.name);
    } catch (e) {
      if (!isCode(e, 'ENOENT')) throw e;
    }
  }
  return [...names].sort();
}
