/**
 * The volume manager the kubelet's pod sync uses (pod/start.ts PodVolumeManager): keeps each pod's set-up volumes
 * between syncs, sets them up again on every sync of a pod (which rewrites configMap/secret/downwardAPI contents
 * atomically when they changed, so running containers see updates), gives containers their mounts with subPaths
 * bound where the process may mount, and tears a pod's volumes down when it is gone. Calls for one pod never
 * overlap: the pod worker serializes them.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import type { Mount } from '../runtime/interface.js';
import { setUpPodVolumes, tearDownOrphanedPodVolumes, tearDownPodVolumes } from './manager.js';
import { hostMounter } from './mounter.js';
import { mountsFor } from './mounts.js';
import type { PodVolumes, VolumeDeps } from './types.js';

export class KubeletVolumes {
  private readonly byPod = new Map<string, PodVolumes>();

  constructor(private readonly deps: VolumeDeps) {}

  async setUp(pod: Readonly<Pod>): Promise<void> {
    this.byPod.set(pod.metadata!.uid!, await setUpPodVolumes(pod, this.deps));
  }

  async mounts(pod: Readonly<Pod>, container: Readonly<Container>, env: ReadonlyMap<string, string>): Promise<Mount[]> {
    const uid = pod.metadata!.uid!;
    let volumes = this.byPod.get(uid);
    if (!volumes) {
      await this.setUp(pod);
      volumes = this.byPod.get(uid)!;
    }
    const mounter = this.deps.mounter ?? hostMounter;
    // Bound subPaths (a bind mount only the kubelet controls) close the symlink-swap window; they need root.
    const binding = mounter.canMount() ? { podsDir: this.deps.podsDir, mounter } : undefined;
    return mountsFor(pod, container, volumes, Object.fromEntries(env), binding);
  }

  async tearDown(uid: string): Promise<void> {
    this.byPod.delete(uid);
    await tearDownPodVolumes(uid, this.deps);
  }

  /** Removes the volumes of pods this kubelet no longer has (e.g. deleted while it was down); returns their uids. */
  async tearDownOrphans(activeUids: ReadonlySet<string>): Promise<string[]> {
    return tearDownOrphanedPodVolumes(activeUids, this.deps);
  }
}
