/**
 * persistentVolumeClaim volumes bound to hostPath or local PersistentVolumes: the claim's bound PV
 * (spec.volumeName) gives the host path (spec.hostPath.path, checked against spec.hostPath.type; or spec.local.path,
 * which must exist). The volume is read-only when the pod's source says readOnly. Other PV sources need attach and
 * mount machinery this kubelet does not have, and fail loudly.
 */
import { stat } from 'node:fs/promises';
import type { Pod, PersistentVolumeClaimVolumeSource } from 'kubernetes-types/core/v1.js';
import { checkHostPathType } from './host-path.js';
import { getPV, getPVC, type Getter } from './objects.js';

export interface ClaimPath {
  path: string;
  pvName: string;
}

export async function resolveClaim(src: Readonly<PersistentVolumeClaimVolumeSource>, pod: Readonly<Pod>, client: Getter | undefined): Promise<ClaimPath> {
  const name = src.claimName;
  const pvc = await getPVC(client, pod.metadata?.namespace ?? '', name);
  if (!pvc) throw new Error(`persistentvolumeclaim "${name}" not found`);
  if (pvc.metadata?.deletionTimestamp) throw new Error(`persistentvolumeclaim "${name}" is being deleted`);
  const pvName = pvc.spec?.volumeName;
  if (!pvName || pvc.status?.phase === 'Pending') throw new Error(`persistentvolumeclaim "${name}" is not bound`);
  const pv = await getPV(client, pvName);
  if (!pv) throw new Error(`persistentvolume "${pvName}" bound to persistentvolumeclaim "${name}" not found`);
  const ref = pv.spec?.claimRef;
  if (ref && ref.uid && pvc.metadata?.uid && ref.uid !== pvc.metadata.uid) {
    throw new Error(`persistentvolume "${pvName}" is bound to another claim (${ref.namespace}/${ref.name})`);
  }
  if (pv.spec?.hostPath) {
    await checkHostPathType(pv.spec.hostPath.path, pv.spec.hostPath.type);
    return { path: pv.spec.hostPath.path, pvName };
  }
  if (pv.spec?.local) {
    const st = await stat(pv.spec.local.path).catch(() => undefined);
    if (!st) throw new Error(`local persistentvolume "${pvName}": path ${pv.spec.local.path} does not exist`);
    return { path: pv.spec.local.path, pvName };
  }
  throw new Error(`persistentvolume "${pvName}": only hostPath and local volumes are supported by this kubelet`);
}
