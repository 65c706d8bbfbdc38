/**
 * What a pod update means for scheduling (upstream's PodSchedulingPropertiesChange and isPodUpdated), and which
 * pods of the pool an assigned pod may help (upstream's getUnschedulablePodsWithCrossTopologyTerm).
 */
import { isDeepStrictEqual } from 'node:util';
import { podRequests } from '../../api/core/v1/helpers/pod-requests.js';
import type { Labels } from '../../machinery/labels/index.js';
import { ActionType, type ClusterEvent, type QueuedPodInfo } from '../framework/interface.js';
import type { AffinityTerm, P } from '../framework/types.js';

/**
 * Whether the update may change the scheduling outcome: anything but resourceVersion, generation, managedFields,
 * finalizers and status (except status.resourceClaimStatuses) changed.
 */
export function isPodUpdated(oldPod: P, newPod: P): boolean {
  return !isDeepStrictEqual(stripForUpdateCheck(oldPod), stripForUpdateCheck(newPod));
}

function stripForUpdateCheck(pod: P): unknown {
  // The named fields are dropped: only the rest is compared.
  const { resourceVersion, generation, managedFields, finalizers, ...metadata } = pod.metadata ?? {};
  const claims = pod.status?.resourceClaimStatuses;
  return { ...pod, metadata, status: claims === undefined ? {} : { resourceClaimStatuses: claims } };
}

/**
 * The events one pod update makes (resource AssignedPod when the new pod is bound, else UnscheduledPod): one per
 * kind of change found; a change of another kind gives a generic Update.
 */
export function podSchedulingPropertiesChange(newPod: P, oldPod: P): ClusterEvent[] {
  const resource = newPod.spec?.nodeName ? 'AssignedPod' : 'UnscheduledPod';
  const actions: [number, string][] = [];
  if (!isDeepStrictEqual(oldPod.metadata?.labels ?? {}, newPod.metadata?.labels ?? {})) actions.push([ActionType.UpdatePodLabel, 'UpdatePodLabel']);
  if (isScaleDown(oldPod, newPod)) actions.push([ActionType.UpdatePodScaleDown, 'UpdatePodScaleDown']);
  if ((oldPod.spec?.schedulingGates?.length ?? 0) > 0 && (newPod.spec?.schedulingGates?.length ?? 0) === 0) {
    actions.push([ActionType.UpdatePodSchedulingGatesEliminated, 'UpdatePodSchedulingGatesEliminated']);
  }
  // Tolerations can only be added (API validation), so a different count is a change.
  if ((oldPod.spec?.tolerations?.length ?? 0) !== (newPod.spec?.tolerations?.length ?? 0)) actions.push([ActionType.UpdatePodTolerations, 'UpdatePodTolerations']);
  if (!isDeepStrictEqual(oldPod.status?.resourceClaimStatuses ?? [], newPod.status?.resourceClaimStatuses ?? [])) {
    actions.push([ActionType.UpdatePodGeneratedResourceClaim, 'UpdatePodGeneratedResourceClaim']);
  }
  // No specific bit for "other" in the contract: the generic Update matches every update registration (it may
  // move a pod for nothing, never fail to move one).
  if (actions.length === 0) actions.push([ActionType.Update, 'Update']);
  return actions.map(([actionType, name]) => ({ resource, actionType, label: `${resource}${name}` }));
}

/** Some request went down or disappeared (room freed on the node). */
function isScaleDown(oldPod: P, newPod: P): boolean {
  const before = podRequests(oldPod);
  const after = podRequests(newPod);
  for (const [name, v] of before) {
    const now = after.get(name);
    if (now === undefined || now < v) return true;
  }
  return false;
}

/** Upstream's AffinityTerm.Matches: namespace (by name or selector) and labels. */
export function affinityTermMatches(term: AffinityTerm, pod: P, nsLabels: Labels | undefined): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns) && !term.namespaceSelector.matches(nsLabels)) return false;
  return term.selector.matches(pod.metadata?.labels);
}

export const POD_TOPOLOGY_SPREAD = 'PodTopologySpread';

/**
 * Whether an assigned pod may help this pool pod: it was rejected by PodTopologySpread (any pod may change the
 * skew), or one of its required pod-affinity terms matches the assigned pod. Anti-affinity is not looked at: one
 * more pod never satisfies an anti-affinity term.
 */
export function mayHelpCrossTopology(pInfo: QueuedPodInfo, assigned: P, nsLabels: Labels | undefined): boolean {
  if (pInfo.unschedulablePlugins.has(POD_TOPOLOGY_SPREAD)) return true;
  return pInfo.podInfo.requiredAffinityTerms.some((t) => affinityTermMatches(t, assigned, nsLabels));
}
