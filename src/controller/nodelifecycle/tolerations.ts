/**
 * Toleration matching (upstream's Toleration.ToleratesTaint and GetMatchingTolerations) and the taint manager's
 * verdict for one pod on one node: evict now, evict at a time, or keep.
 */
import type { Taint, Toleration } from 'kubernetes-types/core/v1.js';
import { getMatchingTolerations } from '../../api/core/v1/helpers/taints.js';

/** Whether `t` tolerates `taint`: same effect (or any), same key (or any), and the value by the operator. */
export { toleratesTaint } from '../../api/core/v1/helpers/taints.js';

export type EvictionVerdict = { kind: 'keep' } | { kind: 'now' } | { kind: 'at'; atMs: number };

/**
 * No NoExecute taints or every one tolerated forever → keep; any taint not tolerated → now; else the shortest
 * tolerationSeconds among the tolerations used (the first matching one per taint) (negative counts as 0, as upstream), counted from the earliest
 * timeAdded of the taints (`nowMs` when a taint has none), so a restarted controller evicts on the same schedule.
 */
export function evictionVerdict(taints: readonly Taint[], tolerations: readonly Toleration[], nowMs: number): EvictionVerdict {
  if (taints.length === 0) return { kind: 'keep' };
  const { tolerated, tolerations: used } = getMatchingTolerations(taints, tolerations);
  if (!tolerated) return { kind: 'now' };
  const seconds = used.map((t) => t.tolerationSeconds).filter((s): s is number => s !== undefined && s !== null);
  if (seconds.length === 0) return { kind: 'keep' };
  const min = Math.max(0, Math.min(...seconds));
  const start = Math.min(...taints.map((t) => (t.timeAdded ? Date.parse(t.timeAdded) : nowMs)));
  return { kind: 'at', atMs: start + min * 1000 };
}
