/**
 * VolumeBinding (upstream's plugin of that name), the basics:
 * - PreFilter: every claim of the pod must exist (see claims.ts); a pod with unbound "immediate" claims waits for
 *   the PV controller (UnschedulableAndUnresolvable); a pod without claims skips the plugin.
 * - Filter: each bound claim's PV must exist and its spec.nodeAffinity.required must match the node's labels
 *   (upstream's CheckNodeAffinity matches labels only, so matchFields there are not checked). The PVs are looked
 *   up and their selectors parsed once, in PreFilter.
 * - WaitForFirstConsumer claims pass: finding or provisioning a PV for them on the chosen node belongs to the
 *   storage work (upstream's FindPodVolumes for unbound claims, AssumePodVolumes in Reserve, BindPodVolumes in
 *   PreBind).
 * - Reserve, Unreserve and PreBind are therefore no-ops for now: nothing is assumed, nothing is bound, and a pod
 *   whose delayed claims are still unbound is bound to its node as is.
 * Not implemented: storage-capacity checks and scoring (CSIStorageCapacity, off by default upstream), in-tree → CSI
 * translation of PVs.
 */
import type { Node, PersistentVolumeClaim } from 'kubernetes-types/core/v1.js';
import { NodeSelectorMatcher } from '../../../api/core/v1/helpers/node-affinity.js';
import type { Lister } from '../../../client/informer/interface.js';
import { PVCS, resourceRef } from '../../../client/resources.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import type {
  ClusterEventWithHint,
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreBindPlugin,
  PreFilterPlugin,
  PreFilterResult,
  ReservePlugin,
} from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import type { VolumeBindingArgs } from './args.js';
import { classifyClaims, podClaims, type PodVolumeClaims } from './claims.js';
import { volumeBindingEvents } from './events.js';
import type { PVCObject, PVObject, StorageClassObject } from './types.js';

export const NAME = 'VolumeBinding';
export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
/** Upstream's reasons for unbound delayed claims, for the storage work (not produced yet). */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';

export const PERSISTENT_VOLUMES = resourceRef('', 'persistentvolumes');
export const STORAGE_CLASSES = resourceRef('storage.k8s.io', 'storageclasses');

const STATE_KEY = NAME;

/** One bound claim as Filter checks it: its PV is missing, or the PV's required node affinity (if any). */
type BoundCheck = { missing: true } | { missing: false; affinity: NodeSelectorMatcher | undefined };

/** Per pod, not changed by pods added or removed: clone shares it (as upstream). */
class VolumeBindingState implements StateData {
  constructor(
    readonly claims: PodVolumeClaims | undefined,
    readonly boundChecks: readonly BoundCheck[],
  ) {}
  clone(): StateData {
    return this;
  }
}

export interface VolumeBindingListers {
  pvcs: Lister<PVCObject>;
  pvs: Lister<PVObject>;
  classes: Lister<StorageClassObject>;
}

export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin, EnqueueExtensions {
  readonly name = NAME;

  constructor(
    readonly args: VolumeBindingArgs,
    private readonly listers: VolumeBindingListers,
  ) {}

  static fromHandle(args: VolumeBindingArgs, h: Handle): VolumeBinding {
    return new VolumeBinding(args, {
      pvcs: h.informers.informerFor<PVCObject>(PVCS).lister,
      pvs: h.informers.informerFor<PVObject>(PERSISTENT_VOLUMES).lister,
      classes: h.informers.informerFor<StorageClassObject>(STORAGE_CLASSES).lister,
    });
  }

  preFilter(state: CycleState, pod: P, _nodes?: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const { claims, error } = podClaims(pod, this.listers.pvcs);
    if (error) return { status: Status.unresolvable(error) };
    if (claims.length === 0) {
      state.write(STATE_KEY, new VolumeBindingState(undefined, []));
      return { status: Status.skip() };
    }
    let classified: PodVolumeClaims;
    try {
      classified = classifyClaims(claims, this.listers.classes);
    } catch (err) {
      return { status: Status.error(err) };
    }
    if (classified.unboundImmediate.length > 0) return { status: Status.unresolvable(ERR_REASON_UNBOUND_IMMEDIATE) };
    state.write(STATE_KEY, new VolumeBindingState(classified, classified.bound.map((pvc) => this.boundCheck(pvc))));
    return { status: Status.success() };
  }

  private boundCheck(pvc: Readonly<PersistentVolumeClaim>): BoundCheck {
    const pv = this.listers.pvs.get('', pvc.spec?.volumeName ?? '');
    if (!pv) return { missing: true };
    const required = pv.spec?.nodeAffinity?.required;
    return { missing: false, affinity: required ? NodeSelectorMatcher.parse(required) : undefined };
  }

  /** The first failing bound claim decides the reason, as upstream. */
  filter(state: CycleState, _pod: P, nodeInfo: NodeInfo): Status {
    const node: Readonly<Node> | undefined = nodeInfo.node;
    if (!node) return Status.error(new Error('node not found'));
    const s = state.read<VolumeBindingState>(STATE_KEY);
    if (!s) return Status.error(new Error(`reading "${STATE_KEY}" from cycleState: not found`));
    const labels = node.metadata?.labels ?? {};
    for (const c of s.boundChecks) {
      if (c.missing) return Status.unresolvable(ERR_REASON_PV_NOT_EXIST);
      if (c.affinity && !c.affinity.matchLabels(labels)) return Status.unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    return Status.success();
  }

  /** No-op for now: upstream assumes the chosen PVs/provisioning for delayed claims here (storage work). */
  reserve(): Status {
    return Status.success();
  }

  /** No-op for now: upstream reverts the assumed bindings here. */
  unreserve(): void {}

  /** No-op for now: upstream binds the delayed claims here and waits up to bindTimeoutSeconds (storage work). */
  async preBind(): Promise<Status> {
    return Status.success();
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return volumeBindingEvents();
  }
}
