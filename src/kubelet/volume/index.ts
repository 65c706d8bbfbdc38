/**
 * The kubelet's volume manager (see manager.ts): set up a pod's volumes, its containers' mounts, and tear down.
 */
export { setUpPodVolumes, tearDownPodVolumes, tearDownOrphanedPodVolumes, type TearDownDeps } from './manager.js';
export { setUpVolume } from './setup.js';
export { mountsFor, type SubPathBinding } from './mounts.js';
export { podReadsObject, volumeObjectRefs, type VolumeObjectRefs } from './references.js';
export { writeAtomic, type Payload, type FileProjection } from './atomic-writer.js';
export { hostMounter } from './mounter.js';
export { PLUGIN, podSubPathsDir, podVolumesDir, subPathTarget, volumeDir } from './paths.js';
export { PodVolumesError, VolumeError, type Mounter, type PodVolume, type PodVolumes, type TokenSource, type VolumeDeps } from './types.js';
export { KubeletVolumes } from './kubelet-volumes.js';
