/**
 * A container's mounts (upstream's makeMounts): its volume mounts, which the caller resolves (the volume manager's
 * seam, PodSyncerOptions.volumeMounts; none without one), then the kubelet-managed /etc/hosts when the kubelet
 * wrote one for the pod and the container does not mount its own /etc/hosts.
 */
import type { Container } from 'kubernetes-types/core/v1.js';
import type { Mount } from '../../runtime/interface.js';

export function containerMounts(c: Readonly<Container>, volumeMounts: readonly Mount[], hostsFile: string | undefined): Mount[] {
  const mounts = [...volumeMounts];
  const ownHosts = (c.volumeMounts ?? []).some((m) => m.mountPath === '/etc/hosts');
  if (hostsFile && !ownHosts) mounts.push({ containerPath: '/etc/hosts', hostPath: hostsFile, readonly: false });
  return mounts;
}
