/**
 * Sets up one volume of a pod, by its source (one plugin per source field, as upstream's volume plugins). Every
 * set-up is idempotent: running it again for a running pod keeps emptyDir contents and tmpfs mounts, and rewrites
 * configMap, secret, downwardAPI and projected volumes atomically only when their payload changed — which is how
 * a running container sees an updated ConfigMap or Secret.
 */
import type { Pod, Volume } from 'kubernetes-types/core/v1.js';
import { realClock } from '../../machinery/clock/clock.js';
import { writeAtomic, type Payload } from './atomic-writer.js';
import { downwardPayload } from './downward-api.js';
import { ensureTmpfs, makeSharedDir, setUpEmptyDir } from './empty-dir.js';
import { checkHostPathType } from './host-path.js';
import { configMapValues, keyedPayload, objectNotFound, secretValues } from './keyed-payload.js';
import { hostMounter } from './mounter.js';
import { getConfigMap, getSecret } from './objects.js';
import { PLUGIN, volumeDir } from './paths.js';
import { projectedPayload } from './projected.js';
import { resolveClaim } from './pvc.js';
import { VolumeError, type PodVolume, type VolumeDeps } from './types.js';

type Setup = (pod: Readonly<Pod>, vol: Readonly<Volume>, deps: VolumeDeps) => Promise<Omit<PodVolume, 'name'>>;

const dirOf = (pod: Readonly<Pod>, vol: Readonly<Volume>, deps: VolumeDeps, plugin: string): string =>
  volumeDir(deps.podsDir, pod.metadata?.uid ?? '', plugin, vol.name);

/** Writes an atomic-writer volume: its directory (a tmpfs when memory-backed), then the payload. */
async function writeVolume(dir: string, payload: Payload, deps: VolumeDeps, memoryBacked: boolean): Promise<void> {
  await makeSharedDir(dir);
  if (memoryBacked && deps.memoryBackedSecrets) await ensureTmpfs(dir, deps.mounter ?? hostMounter, undefined, 'a memory-backed secret volume');
  await writeAtomic(dir, payload, deps.clock ?? realClock);
}

const SETUPS: [keyof Volume, Setup][] = [
  ['emptyDir', async (pod, vol, deps) => {
    const path = dirOf(pod, vol, deps, PLUGIN.emptyDir);
    await setUpEmptyDir(path, vol.emptyDir!, deps.mounter ?? hostMounter);
    return { plugin: PLUGIN.emptyDir, path, readOnly: false, notes: [] };
  }],
  ['hostPath', async (_pod, vol) => {
    await checkHostPathType(vol.hostPath!.path, vol.hostPath!.type);
    return { plugin: PLUGIN.hostPath, path: vol.hostPath!.path, readOnly: false, notes: [] };
  }],
  ['configMap', async (pod, vol, deps) => {
    const src = vol.configMap!;
    const cm = await getConfigMap(deps.client, pod.metadata?.namespace ?? '', src.name ?? '');
    if (!cm && !src.optional) throw objectNotFound('configmap', src.name ?? '');
    const payload = keyedPayload(configMapValues(cm), { kind: 'configmap', ...src });
    const path = dirOf(pod, vol, deps, PLUGIN.configMap);
    await writeVolume(path, payload, deps, false);
    return { plugin: PLUGIN.configMap, path, readOnly: true, notes: [] };
  }],
  ['secret', async (pod, vol, deps) => {
    const src = vol.secret!;
    const s = await getSecret(deps.client, pod.metadata?.namespace ?? '', src.secretName ?? '');
    if (!s && !src.optional) throw objectNotFound('secret', src.secretName ?? '');
    const payload = keyedPayload(secretValues(s), { kind: 'secret', ...src });
    const path = dirOf(pod, vol, deps, PLUGIN.secret);
    await writeVolume(path, payload, deps, true);
    return { plugin: PLUGIN.secret, path, readOnly: true, notes: [] };
  }],
  ['downwardAPI', async (pod, vol, deps) => {
    const payload = downwardPayload(vol.downwardAPI!.items, vol.downwardAPI!.defaultMode, pod, deps.nodeAllocatable);
    const path = dirOf(pod, vol, deps, PLUGIN.downwardAPI);
    await writeVolume(path, payload, deps, false);
    return { plugin: PLUGIN.downwardAPI, path, readOnly: true, notes: [] };
  }],
  ['projected', async (pod, vol, deps) => {
    const { payload, notes } = await projectedPayload(vol.projected!, pod, deps);
    const path = dirOf(pod, vol, deps, PLUGIN.projected);
    await writeVolume(path, payload, deps, true);
    return { plugin: PLUGIN.projected, path, readOnly: true, notes };
  }],
  ['persistentVolumeClaim', async (pod, vol, deps) => {
    const { path } = await resolveClaim(vol.persistentVolumeClaim!, pod, deps.client);
    return { plugin: PLUGIN.pvc, path, readOnly: vol.persistentVolumeClaim!.readOnly ?? false, notes: [] };
  }],
];

/** Sets up one volume; rejects with a VolumeError (upstream's FailedMount text) naming the volume. */
export async function setUpVolume(pod: Readonly<Pod>, vol: Readonly<Volume>, deps: VolumeDeps): Promise<PodVolume> {
  try {
    if (!pod.metadata?.uid) throw new Error('the pod has no metadata.uid');
    const entry = SETUPS.find(([field]) => vol[field] !== undefined);
    if (!entry) {
      const kind = Object.keys(vol).find((k) => k !== 'name') ?? '(none)';
      throw new Error(`volume source ${kind} is not supported by this kubelet`);
    }
    return { name: vol.name, ...(await entry[1](pod, vol, deps)) };
  } catch (e) {
    throw e instanceof VolumeError ? e : new VolumeError(vol.name, (e as Error).message);
  }
}
