/**
 * The per-pod volume manager the pod sync calls: set up every volume before containers are created (and again on
 * later syncs to refresh configMap/secret/downwardAPI/projected contents), and tear everything down when the pod
 * is gone — tmpfs mounts first, and never a recursive removal while anything is still mounted below.
 * Calls for one pod must not overlap (the pod worker serializes them); calls for different pods are independent.
 */
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { hostMounter } from './mounter.js';
import { podDir, podSubPathsDir, podVolumesDir } from './paths.js';
import { setUpVolume } from './setup.js';
import { PodVolumesError, VolumeError, type Mounter, type PodVolumes, type VolumeDeps } from './types.js';

/**
 * Sets up all of the pod's volumes; each one is tried even when another fails. Rejects with a PodVolumesError
 * carrying one VolumeError per failed volume (one FailedMount event each); the pod's containers must then wait.
 */
export async function setUpPodVolumes(pod: Readonly<Pod>, deps: VolumeDeps): Promise<PodVolumes> {
  const out: PodVolumes = new Map();
  const errors: VolumeError[] = [];
  for (const vol of pod.spec?.volumes ?? []) {
    try {
      out.set(vol.name, await setUpVolume(pod, vol, deps));
    } catch (e) {
      errors.push(e as VolumeError);
    }
  }
  if (errors.length > 0) throw new PodVolumesError(errors);
  return out;
}

export interface TearDownDeps {
  podsDir: string;
  mounter?: Mounter;
}

/** Unmounts everything below `dir` (deepest first), then removes it; refuses when a mount stays. */
async function unmountAndRemove(dir: string, mounter: Mounter): Promise<void> {
  for (const m of await mounter.mountPointsUnder(dir)) await mounter.unmount(m);
  const left = await mounter.mountPointsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted: ${left.join(', ')}; not removing ${dir}`);
  await rm(dir, { recursive: true, force: true });
}

/**
 * Removes `<podsDir>/<uid>/volume-subpaths` (subPath bind mounts) and `<podsDir>/<uid>/volumes`, and then
 * `<podsDir>/<uid>` when nothing else is left in it. Host paths of hostPath and PVC volumes are never touched.
 * Unmounts every mount below first and refuses to remove a directory while one stays mounted, so a removal can
 * never reach into a mounted filesystem. Call it once the pod's containers are gone. Idempotent.
 */
export async function tearDownPodVolumes(uid: string, deps: TearDownDeps): Promise<void> {
  if (!uid || uid.includes('/') || uid === '.' || uid === '..') throw new Error(`invalid pod uid ${JSON.stringify(uid)}`);
  const mounter = deps.mounter ?? hostMounter;
  try {
    await unmountAndRemove(podSubPathsDir(deps.podsDir, uid), mounter);
    await unmountAndRemove(podVolumesDir(deps.podsDir, uid), mounter);
  } catch (e) {
    throw new Error(`tearing down the volumes of pod ${uid}: ${(e as Error).message}`);
  }
  await rmdir(podDir(deps.podsDir, uid)).catch(() => undefined);
}

/** Tears down the volumes of every pod directory under podsDir whose uid is not in `keep`; returns those uids. */
export async function tearDownOrphanedPodVolumes(keep: ReadonlySet<string>, deps: TearDownDeps): Promise<string[]> {
  const torn: string[] = [];
  for (const uid of await readdir(deps.podsDir).catch(() => [] as string[])) {
    if (keep.has(uid)) continue;
    const dirs = await Promise.all([podVolumesDir(deps.podsDir, uid), podSubPathsDir(deps.podsDir, uid)].map((d) => stat(d).catch(() => undefined)));
    if (!dirs.some((st) => st?.isDirectory())) continue;
    await tearDownPodVolumes(uid, deps);
    torn.push(uid);
  }
  return torn;
}
