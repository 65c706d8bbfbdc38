/**
 * DoNotSchedule constraints, the Filter side of PodTopologySpread. PreFilter counts, per constraint and topology
 * value, the pods matching the constraint's selector in the pod's namespace on the eligible nodes (nodes with
 * every topology key of the constraints, passing the constraint's node inclusion policies). Filter then checks
 *   skew = matching(node's value) + (1 if the pod matches the selector) - globalMin ≤ maxSkew
 * where globalMin is the smallest count over the values, or 0 while fewer than minDomains values exist.
 * Worked example: zones a=2, b=0 (c has no eligible node), maxSkew 1, a matching pod: on a skew = 2+1-0 = 3 > 1
 * (rejected), on b skew = 0+1-0 = 1 (fits); with minDomains 3 the global minimum is 0 as only 2 domains exist.
 */
import type { Labels } from '../../../machinery/labels/index.js';
import type { StateData } from '../../framework/cycle-state.js';
import type { N, NodeInfo, P } from '../../framework/types.js';
import { countPodsMatchSelector, labelValue, NodeInclusion, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './constraints.js';
import { CriticalPaths } from './critical-paths.js';
import type { TopologyCountsCache } from './counts-cache.js';

export const PRE_FILTER_STATE_KEY = 'PreFilterPodTopologySpread';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

export class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    /** Per constraint: topology value → matching pods. */
    readonly tpValueToMatchNum: Map<string, number>[],
    readonly criticalPaths: CriticalPaths[],
    /** Per constraint: 1 when the incoming pod matches its selector (it adds itself to the domain), else 0. */
    readonly selfMatchNum: readonly number[],
  ) {}

  /** The global minimum of constraint i, 0 while fewer than minDomains domains exist. */
  minMatchNum(i: number): number {
    if (this.tpValueToMatchNum[i]!.size < this.constraints[i]!.minDomains) return 0;
    return this.criticalPaths[i]!.min;
  }

  clone(): PreFilterState {
    return new PreFilterState(
      this.constraints,
      this.tpValueToMatchNum.map((m) => new Map(m)),
      this.criticalPaths.map((p) => p.clone()),
      this.selfMatchNum,
    );
  }

  /** Counts (delta 1) or uncounts (delta -1) a pod on `node` for preemption's what-if. */
  updateWithPod(updated: P, preemptor: P, node: N | undefined, delta: 1 | -1): void {
    if (!node || (updated.metadata?.namespace ?? '') !== (preemptor.metadata?.namespace ?? '')) return;
    const labels = node.metadata?.labels;
    if (!nodeLabelsMatchSpreadConstraints(labels, this.constraints)) return;
    const inclusion = new NodeInclusion(preemptor).reset(node);
    for (let i = 0; i < this.constraints.length; i++) {
      const c = this.constraints[i]!;
      if (!c.selector.matches(updated.metadata?.labels) || !inclusion.matches(c)) continue;
      const value = labels![c.topologyKey]!;
      const n = (this.tpValueToMatchNum[i]!.get(value) ?? 0) + delta;
      this.tpValueToMatchNum[i]!.set(value, n);
      this.criticalPaths[i]!.update(value, n);
    }
  }
}

/**
 * Counts over every node of the snapshot; with `cache` (for the snapshot's own node list) only the nodes changed
 * since the cache's last look are recounted, with the same result.
 */
export function computePreFilterState(pod: P, constraints: readonly SpreadConstraint[], allNodes: readonly NodeInfo[], cache?: TopologyCountsCache): PreFilterState {
  const counts = cache ? cache.counts(pod, constraints, allNodes, true) : countAll(pod, constraints, allNodes);
  const paths = counts.map((m) => {
    const p = new CriticalPaths();
    for (const [value, n] of m) p.update(value, n);
    return p;
  });
  const self = constraints.map((c) => (c.selector.matches(pod.metadata?.labels) ? 1 : 0));
  return new PreFilterState(constraints, counts, paths, self);
}

/** The full walk: per constraint, topology value → matching pods over the nodes that count for it. */
function countAll(pod: P, constraints: readonly SpreadConstraint[], allNodes: readonly NodeInfo[]): Map<string, number>[] {
  const counts = constraints.map(() => new Map<string, number>());
  const inclusion = new NodeInclusion(pod);
  const ns = pod.metadata?.namespace ?? '';
  for (const ni of allNodes) {
    const node = ni.node;
    if (!node) continue;
    const labels = node.metadata?.labels;
    if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    inclusion.reset(node);
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      if (!inclusion.matches(c)) continue;
      const value = labels![c.topologyKey]!;
      counts[i]!.set(value, (counts[i]!.get(value) ?? 0) + countPodsMatchSelector(ni.pods, c.selector, ns));
    }
  }
  return counts;
}

/** The Filter verdict for a node with these labels. */
export function filterNode(s: PreFilterState, nodeLabels: Labels | undefined): 'ok' | 'missingLabel' | 'skew' {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = labelValue(nodeLabels, c.topologyKey);
    if (value === undefined) return 'missingLabel';
    const skew = (s.tpValueToMatchNum[i]!.get(value) ?? 0) + s.selfMatchNum[i]! - s.minMatchNum(i);
    if (skew > c.maxSkew) return 'skew';
  }
  return 'ok';
}
