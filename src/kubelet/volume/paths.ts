/**
 * Where a pod's volumes live on the host, as upstream's kubelet lays them out:
 *   <podsDir>/<uid>/volumes/<escaped plugin name>/<volume name>
 * with the plugin name escaped by replacing `/` with `~` (`kubernetes.io/empty-dir` → `kubernetes.io~empty-dir`).
 * hostPath and PVC volumes (bound to hostPath/local PVs) have no directory here: they are the host path itself.
 * subPath bind mounts, when made, live in <podsDir>/<uid>/volume-subpaths/<volume>/<container>/<mount index>.
 */
import { join } from 'node:path';

export const PLUGIN = {
  emptyDir: 'kubernetes.io/empty-dir',
  hostPath: 'kubernetes.io/host-path',
  configMap: 'kubernetes.io/configmap',
  secret: 'kubernetes.io/secret',
  downwardAPI: 'kubernetes.io/downward-api',
  projected: 'kubernetes.io/projected',
  pvc: 'kubernetes.io/persistent-volume-claim',
} as const;

export const escapePluginName = (plugin: string): string => plugin.replaceAll('/', '~');

export const podDir = (podsDir: string, uid: string): string => join(podsDir, uid);

export const podVolumesDir = (podsDir: string, uid: string): string => join(podsDir, uid, 'volumes');

/** Where subPath bind mounts live (upstream's `volume-subpaths/<volume>/<container>/<mount index>`). */
export const podSubPathsDir = (podsDir: string, uid: string): string => join(podsDir, uid, 'volume-subpaths');

export const subPathTarget = (podsDir: string, uid: string, volName: string, container: string, index: number): string =>
  join(podSubPathsDir(podsDir, uid), volName, container, String(index));

export const volumeDir = (podsDir: string, uid: string, plugin: string, volName: string): string =>
  join(podVolumesDir(podsDir, uid), escapePluginName(plugin), volName);
