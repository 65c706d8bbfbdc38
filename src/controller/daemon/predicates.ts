/**
 * Whether a node should run a daemon pod (upstream's NodeShouldRunDaemonPod): the template's nodeName, its
 * nodeSelector and required node affinity must match the node, and every NoSchedule/NoExecute taint must be
 * tolerated (with the daemon tolerations added). A pod already there keeps running when only NoSchedule taints
 * are untolerated (`shouldContinueRunning`).
 */
import type { NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec } from 'kubernetes-types/core/v1.js';
import { addDaemonPodTolerations, findUntoleratedTaint } from './tolerations.js';
import type { D, N } from './types.js';

export interface ShouldRun {
  shouldRun: boolean;
  shouldContinueRunning: boolean;
}

function matchRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const [have, want] = [Number.parseInt(value, 10), Number.parseInt(values[0]!, 10)];
      if (Number.isNaN(have) || Number.isNaN(want)) return false;
      return r.operator === 'Gt' ? have > want : have < want;
    }
    default:
      return false;
  }
}

/** A term with neither expressions nor fields matches nothing, as upstream. */
function matchTerm(term: NodeSelectorTerm, node: N): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata?.labels ?? {};
  return exprs.every((r) => matchRequirement(r, labels[r.key])) &&
    fields.every((r) => r.key === 'metadata.name' && matchRequirement(r, node.metadata?.name));
}

/** The terms are ORed; an absent selector matches every node. */
export const matchNodeSelector = (sel: NodeSelector | undefined, node: N): boolean =>
  !sel || sel.nodeSelectorTerms.some((t) => matchTerm(t, node));

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (upstream's RequiredNodeAffinity). */
export function fitsNodeAffinity(spec: Readonly<PodSpec>, node: N): boolean {
  const labels = node.metadata?.labels ?? {};
  if (!Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v)) return false;
  return matchNodeSelector(spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution, node);
}

export function nodeShouldRunDaemonPod(node: N, ds: D): ShouldRun {
  const no = { shouldRun: false, shouldContinueRunning: false };
  const spec = structuredClone(ds.spec?.template?.spec ?? { containers: [] });
  if (spec.nodeName && spec.nodeName !== node.metadata?.name) return no;
  if (!fitsNodeAffinity(spec, node)) return no;
  addDaemonPodTolerations(spec);
  const taints = node.spec?.taints ?? [];
  const tolerations = spec.tolerations ?? [];
  if (!findUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) {
    return { shouldRun: true, shouldContinueRunning: true };
  }
  // Pods already there keep running while they tolerate every NoExecute taint.
  return { shouldRun: false, shouldContinueRunning: !findUntoleratedTaint(taints, tolerations, (t) => t.effect === 'NoExecute') };
}
