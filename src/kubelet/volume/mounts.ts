/**
 * A container's volumeMounts as CRI mounts (upstream's makeMounts, volume part): the volume's host path or a
 * resolved subPath of it, read-only when the mount or the volume says so, and the mount propagation mapped to the
 * CRI's (Bidirectional only for privileged containers). Errors are the container's CreateContainerConfigError.
 */
import type { Container, Pod, VolumeMount } from 'kubernetes-types/core/v1.js';
import type { Mount } from '../runtime/interface.js';
import { hostMounter } from './mounter.js';
import { subPathTarget } from './paths.js';
import { expandSubPathExpr, resolveSubPath } from './subpath.js';
import { bindSubPath } from './subpath-bind.js';
import type { Mounter, PodVolumes } from './types.js';

/**
 * Pin subPaths with bind mounts under `<podsDir>/<uid>/volume-subpaths` (subpath-bind.ts) instead of handing the
 * runtime the resolved path, which a container of the pod could swap for a symlink before the runtime mounts it.
 * Needs a mounter that can mount (root).
 */
export interface SubPathBinding {
  podsDir: string;
  mounter?: Mounter;
}

function propagation(vm: Readonly<VolumeMount>, c: Readonly<Container>): Mount['propagation'] {
  switch (vm.mountPropagation) {
    case undefined:
    case 'None':
      return 'PROPAGATION_PRIVATE';
    case 'HostToContainer':
      return 'PROPAGATION_HOST_TO_CONTAINER';
    case 'Bidirectional':
      if (!c.securityContext?.privileged) throw new Error('Bidirectional mount propagation is available only to privileged containers');
      return 'PROPAGATION_BIDIRECTIONAL';
    default:
      throw new Error(`invalid mount propagation mode ${JSON.stringify(vm.mountPropagation)}`);
  }
}

/**
 * The mounts of `container` (of `pod`) from the set-up `podVolumes`. `env` is the container's resolved
 * environment, for subPathExpr. Creates missing subPath directories inside their volumes. Without `binding` a
 * subPath mount names the resolved, symlink-free host path (checked, but open to a swap by another container of
 * the pod until the runtime mounts it); with it, a verified bind mount of that path.
 */
export async function mountsFor(
  pod: Readonly<Pod>,
  container: Readonly<Container>,
  podVolumes: PodVolumes,
  env: Readonly<Record<string, string>> = {},
  binding?: SubPathBinding,
): Promise<Mount[]> {
  const mounts: Mount[] = [];
  for (const [index, vm] of (container.volumeMounts ?? []).entries()) {
    const v = podVolumes.get(vm.name);
    if (!v) throw new Error(`cannot find volume "${vm.name}" to mount into container "${container.name}"`);
    if (vm.subPath && vm.subPathExpr) throw new Error(`volumeMount ${vm.name} of pod ${pod.metadata?.name}: subPath and subPathExpr are mutually exclusive`);
    const subPath = vm.subPathExpr ? expandSubPathExpr(vm.subPathExpr, env) : (vm.subPath ?? '');
    let hostPath = subPath ? await resolveSubPath(v.path, subPath) : v.path;
    if (subPath && binding) {
      const mounter = binding.mounter ?? hostMounter;
      if (!mounter.canMount()) throw new Error('subPath bind mounts need the kubelet to run as root');
      const target = subPathTarget(binding.podsDir, pod.metadata?.uid ?? '', vm.name, container.name, index);
      hostPath = await bindSubPath(v.path, hostPath, target, mounter);
    }
    mounts.push({ containerPath: vm.mountPath, hostPath, readonly: (vm.readOnly ?? false) || v.readOnly, propagation: propagation(vm, container) });
  }
  return mounts;
}
