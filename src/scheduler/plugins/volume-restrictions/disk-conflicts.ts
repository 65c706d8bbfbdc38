/**
 * In-tree disks that one node cannot mount twice (upstream's VolumeRestrictions disk checks): the same GCE PD
 * unless every mount is read-only, the same AWS EBS volume at all, the same iSCSI IQN or RBD image (sharing a Ceph
 * monitor, in the same pool) unless every mount is read-only.
 */
import type { Volume } from 'kubernetes-types/core/v1.js';
import type { P } from '../../framework/types.js';

type V = Readonly<Volume>;

/** Whether the volume is of a kind these checks are about. */
export const needsRestrictionsCheck = (v: V): boolean => !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);

const overlap = (a: readonly string[], b: readonly string[]): boolean => a.some((x) => b.includes(x));

function conflicts(v: V, e: V): boolean {
  if (v.gcePersistentDisk && e.gcePersistentDisk) {
    const [d, x] = [v.gcePersistentDisk, e.gcePersistentDisk];
    if (d.pdName === x.pdName && !(d.readOnly && x.readOnly)) return true;
  }
  if (v.awsElasticBlockStore && e.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === e.awsElasticBlockStore.volumeID) return true;
  if (v.iscsi && e.iscsi && v.iscsi.iqn === e.iscsi.iqn && !(v.iscsi.readOnly && e.iscsi.readOnly)) return true;
  if (v.rbd && e.rbd) {
    const [r, x] = [v.rbd, e.rbd];
    // The pool defaults to "rbd" (API defaulting).
    const samePool = (r.pool || 'rbd') === (x.pool || 'rbd');
    if (overlap(r.monitors, x.monitors) && samePool && r.image === x.image && !(r.readOnly && x.readOnly)) return true;
  }
  return false;
}

/** Whether `pod` can join `podsOnNode` as far as these disks are concerned. */
export function satisfyVolumeConflicts(pod: P, podsOnNode: readonly { readonly pod: P }[]): boolean {
  for (const v of pod.spec?.volumes ?? []) {
    if (!needsRestrictionsCheck(v)) continue;
    for (const { pod: other } of podsOnNode) {
      for (const e of other.spec?.volumes ?? []) if (conflicts(v, e)) return false;
    }
  }
  return true;
}
