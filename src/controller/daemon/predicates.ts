/**
 * Whether a node should run a daemon pod (upstream's NodeShouldRunDaemonPod): the template's nodeName, its
 * nodeSelector and required node affinity must match the node, and every NoSchedule/NoExecute taint must be
 * tolerated (with the daemon tolerations added). A pod already there keeps running when only NoSchedule taints
 * are untolerated (`shouldContinueRunning`).
 */
import type { NodeSelector, PodSpec } from 'kubernetes-types/core/v1.js';
import { NodeSelectorMatcher, RequiredNodeAffinity } from '../../api/core/v1/helpers/node-affinity.js';
import { doNotScheduleTaintsFilter, findMatchingUntoleratedTaint } from '../../api/core/v1/helpers/taints.js';
import { addDaemonPodTolerations } from './tolerations.js';
import type { D, N } from './types.js';

export interface ShouldRun {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

/** The terms are ORed; an absent selector matches every node; a term with no requirements matches nothing. */
export const matchNodeSelector = (sel: NodeSelector | undefined, node: N): boolean =>
  !sel || NodeSelectorMatcher.parse(sel).match(node);

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (upstream's RequiredNodeAffinity). */
export const fitsNodeAffinity = (spec: Readonly<PodSpec>, node: N): boolean => new RequiredNodeAffinity({ spec }).match(node);

export function nodeShouldRunDaemonPod(node: N, ds: D): ShouldRun {
  const no = { shouldRun: false, shouldContinueRunning: false };
  const spec = structuredClone(ds.spec?.template?.spec ?? { containers: [] });
  if (spec.nodeName && spec.nodeName !== node.metadata?.name) return no;
  if (!fitsNodeAffinity(spec, node)) return no;
  addDaemonPodTolerations(spec);
  const taints = node.spec?.taints ?? [];
  const tolerations = spec.tolerations ?? [];
  if (!findMatchingUntoleratedTaint(taints, tolerations, doNotScheduleTaintsFilter)) {
    return { shouldRun: true, shouldContinueRunning: true };
  }
  // Pods already there keep running while they tolerate every NoExecute taint.
  return { shouldRun: false, shouldContinueRunning: !findMatchingUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute') };
}
