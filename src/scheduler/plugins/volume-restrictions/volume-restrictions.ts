/**
 * VolumeRestrictions (upstream's plugin of that name), the basics:
 * - in-tree disks (GCE PD, AWS EBS, iSCSI, RBD) that a node cannot mount twice (disk-conflicts.ts), and
 * - ReadWriteOncePod PVCs: a pod may not use one that another pod anywhere in the cluster already uses. That is a
 *   cluster-wide fact, so PreFilter counts the pods using the pod's RWOP claims once and Filter answers from the
 *   count; preemption's what-if adjusts it through AddPod/RemovePod. Unschedulable (not Unresolvable): evicting the
 *   other pod helps.
 * The pod's PVCs come from the PVC informer; a missing one is UnschedulableAndUnresolvable until it is created.
 */
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Lister } from '../../../client/informer/interface.js';
import type { KubeObject } from '../../../client/interface.js';
import { PVCS } from '../../../client/resources.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  type QueueingHint,
} from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo, P, PodInfo } from '../../framework/types.js';
import { needsRestrictionsCheck, satisfyVolumeConflicts } from './disk-conflicts.js';

export const NAME = 'VolumeRestrictions';
export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT =
  'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;

type PVCObject = PersistentVolumeClaim & KubeObject;

const claimNames = (pod: Readonly<Pod>): string[] =>
  (pod.spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim?.claimName ? [v.persistentVolumeClaim.claimName] : []));

class PreFilterState implements StateData {
  constructor(
    /** `namespace/name` of the pod's ReadWriteOncePod claims. */
    readonly rwopClaims: ReadonlySet<string>,
    /** How many scheduled pods use them (at most one each). */
    public conflictingPVCRefCount: number,
  ) {}

  /** Adds (1) or removes (-1) the uses of the RWOP claims by `pod`. */
  updateWithPod(pod: P, sign: 1 | -1): void {
    const ns = pod.metadata?.namespace ?? '';
    for (const c of claimNames(pod)) if (this.rwopClaims.has(`${ns}/${c}`)) this.conflictingPVCRefCount += sign;
  }

  clone(): StateData {
    return new PreFilterState(this.rwopClaims, this.conflictingPVCRefCount);
  }
}

export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin, PreFilterExtensions, EnqueueExtensions {
  readonly name = NAME;

  constructor(private readonly pvcs: Lister<PVCObject>) {}

  static fromHandle(h: Handle): VolumeRestrictions {
    return new VolumeRestrictions(h.informers.informerFor<PVCObject>(PVCS).lister);
  }

  preFilter(state: CycleState, pod: P, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const ns = pod.metadata?.namespace ?? '';
    const rwop = new Set<string>();
    for (const claim of claimNames(pod)) {
      const pvc = this.pvcs.get(ns, claim);
      if (!pvc) return { status: Status.unresolvable(`persistentvolumeclaim "${claim}" not found`) };
      if (pvc.spec?.accessModes?.includes('ReadWriteOncePod')) rwop.add(`${ns}/${claim}`);
    }
    let conflicts = 0;
    for (const key of rwop) if (nodes.some((n) => n.pvcRefCounts.has(key))) conflicts++;
    if (conflicts === 0 && !(pod.spec?.volumes ?? []).some(needsRestrictionsCheck)) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(rwop, conflicts));
    return { status: Status.success() };
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _pod: P, podInfoToAdd: PodInfo): Status {
    return this.update(state, podInfoToAdd.pod, 1);
  }

  removePod(state: CycleState, _pod: P, podInfoToRemove: PodInfo): Status {
    return this.update(state, podInfoToRemove.pod, -1);
  }

  /** No state means PreFilter skipped this pod: nothing to track. */
  private update(state: CycleState, pod: P, sign: 1 | -1): Status {
    state.read<PreFilterState>(PRE_FILTER_STATE_KEY)?.updateWithPod(pod, sign);
    return Status.success();
  }

  filter(state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    if (!satisfyVolumeConflicts(pod, nodeInfo.pods)) return Status.unschedulable(ERR_REASON_DISK_CONFLICT);
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (!s) return Status.error(new Error(`cannot read "${PRE_FILTER_STATE_KEY}" from cycleState`));
    return s.conflictingPVCRefCount > 0 ? Status.unschedulable(ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT) : Status.success();
  }

  /**
   * A deleted pod may free a disk or a RWOP claim; a new node may have room for the disks; a created PVC may be
   * the one the pod was waiting for.
   */
  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete, label: 'PodDelete' },
        queueingHint: (pod, oldObj, newObj) => isSchedulableAfterPodDeleted(pod, (oldObj ?? newObj) as Pod),
      },
      { event: { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' } },
      {
        event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add, label: 'PersistentVolumeClaimAdd' },
        queueingHint: (pod, _oldObj, newObj) => isSchedulableAfterPVCAdded(pod, newObj as PersistentVolumeClaim),
      },
    ];
  }
}

/** Queue when the deleted pod (same namespace) held a conflicting disk or one of the pod's claims. */
export function isSchedulableAfterPodDeleted(pod: P, deleted: Readonly<Pod>): QueueingHint {
  if (deleted.metadata?.namespace !== pod.metadata?.namespace) return 'QueueSkip';
  if (!satisfyVolumeConflicts(pod, [{ pod: deleted }])) return 'Queue';
  const theirs = new Set(claimNames(deleted));
  return claimNames(pod).some((c) => theirs.has(c)) ? 'Queue' : 'QueueSkip';
}

/** Queue when the new PVC is one the pod uses. */
export function isSchedulableAfterPVCAdded(pod: P, pvc: Readonly<PersistentVolumeClaim>): QueueingHint {
  if (pvc.metadata?.namespace !== pod.metadata?.namespace) return 'QueueSkip';
  return claimNames(pod).includes(pvc.metadata?.name ?? '') ? 'Queue' : 'QueueSkip';
}
