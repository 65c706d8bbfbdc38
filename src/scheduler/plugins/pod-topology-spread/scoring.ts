/**
 * ScheduleAnyway constraints, the Score side of PodTopologySpread. Each constraint contributes, for the node's
 * topology value, `count · weight + (maxSkew - 1)` where count is the matching pods in that domain (on the node
 * itself for kubernetes.io/hostname) and weight = log(domains + 2) keeps small topologies from being drowned by
 * big ones. Fewer pods is better, so NormalizeScore inverts: score = 100 · (max + min - s) / max.
 * Worked example: zones a (2 matching pods) and b (0), maxSkew 1, weight log(2+2) ≈ 1.386: a scores round(2.77) = 3,
 * b scores 0; normalized a = 100·(3+0-3)/3 = 0 and b = 100·(3+0-0)/3 = 100.
 */
import type { StateData } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interface.js';
import type { NodeInfo, P } from '../../framework/types.js';
import { LABEL_HOSTNAME } from './args.js';
import { countPodsMatchSelector, labelValue, NodeInclusion, nodeLabelsMatchSpreadConstraints, type SpreadConstraint } from './constraints.js';
import type { NodeMatchCounts, TopologyCountsCache } from './counts-cache.js';

export const PRE_SCORE_STATE_KEY = 'PreScorePodTopologySpread';

export class PreScoreState implements StateData {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    /** Nodes missing some topology key (when all are required): they score 0. */
    readonly ignoredNodes: ReadonlySet<string>,
    /** Per constraint: topology value → matching pods (hostname constraints are counted in Score). */
    readonly topologyValueToPodCounts: readonly Map<string, number>[],
    readonly topologyNormalizingWeight: readonly number[],
    /** Per constraint: the per-node counter for kubernetes.io/hostname constraints, when a cache keeps them. */
    readonly nodeCounts: readonly (NodeMatchCounts | undefined)[] = [],
  ) {}

  /** Read-only after PreScore. */
  clone(): PreScoreState {
    return this;
  }
}

/** log(size + 2): in [1.09, 8.52] for 1 to 5,000 domains. */
export const topologyNormalizingWeight = (size: number): number => Math.log(size + 2);

/** maxSkew - 1 is added so that small differences between domains weigh less as maxSkew grows. */
export const scoreForCount = (count: number, maxSkew: number, weight: number): number => count * weight + (maxSkew - 1);

/**
 * Domains come from the filtered (feasible) nodes; counts from every node of the snapshot that passes the same
 * eligibility rules. `requireAllTopologies` is false only for the system default constraints, so that nodes
 * without a zone label still get hostname spreading.
 */
export function computePreScoreState(
  pod: P,
  constraints: readonly SpreadConstraint[],
  filteredNodes: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
  cache?: TopologyCountsCache,
): PreScoreState {
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const ni of filteredNodes) {
    const labels = ni.node?.metadata?.labels;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
      ignored.add(ni.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const key = constraints[i]!.topologyKey;
      if (key !== LABEL_HOSTNAME) counts[i]!.set(labelValue(labels, key) ?? '', 0);
    }
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - ignored.size : counts[i]!.size),
  );
  // Hostname constraints are counted per node in Score: the walk over every node is only for the others.
  if (constraints.some((c) => c.topologyKey !== LABEL_HOSTNAME)) {
    if (cache) {
      const totals = cache.counts(pod, constraints, allNodes, requireAllTopologies, true);
      counts.forEach((m, i) => {
        for (const value of m.keys()) m.set(value, totals[i]!.get(value) ?? 0);
      });
    } else {
      countMatchingPods(pod, constraints, allNodes, counts, requireAllTopologies);
    }
  }
  const ns = pod.metadata?.namespace ?? '';
  const nodeCounts = cache ? constraints.map((c) => (c.topologyKey === LABEL_HOSTNAME ? cache.nodeCounts(c.selector, ns) : undefined)) : [];
  return new PreScoreState(constraints, ignored, counts, weights, nodeCounts);
}

function countMatchingPods(
  pod: P,
  constraints: readonly SpreadConstraint[],
  allNodes: readonly NodeInfo[],
  counts: Map<string, number>[],
  requireAllTopologies: boolean,
): void {
  const inclusion = new NodeInclusion(pod);
  const ns = pod.metadata?.namespace ?? '';
  for (const ni of allNodes) {
    const node = ni.node;
    if (!node) continue;
    const labels = node.metadata?.labels;
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
    inclusion.reset(node);
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i]!;
      const value = labelValue(labels, c.topologyKey) ?? '';
      // Only domains of feasible nodes are counted (hostname constraints have none: Score counts per node).
      const current = counts[i]!.get(value);
      if (current === undefined || !inclusion.matches(c)) continue;
      counts[i]!.set(value, current + countPodsMatchSelector(ni.pods, c.selector, ns));
    }
  }
}

/** The node's raw score (lower means fewer matching pods around it). */
export function scoreNode(s: PreScoreState, pod: P, ni: NodeInfo): number {
  if (s.ignoredNodes.has(ni.name)) return 0;
  const labels = ni.node?.metadata?.labels;
  let score = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i]!;
    const value = labelValue(labels, c.topologyKey);
    if (value === undefined) continue;
    const count =
      c.topologyKey === LABEL_HOSTNAME
        ? (s.nodeCounts[i]?.count(ni) ?? countPodsMatchSelector(ni.pods, c.selector, pod.metadata?.namespace ?? ''))
        : (s.topologyValueToPodCounts[i]!.get(value) ?? 0);
    score += scoreForCount(count, c.maxSkew, s.topologyNormalizingWeight[i]!);
  }
  return Math.round(score);
}

/** Inverts and scales onto [0, 100]; ignored nodes get 0, and all-zero scores all get 100. */
export function normalizeScores(s: PreScoreState, scores: NodeScore[]): void {
  let min = Infinity;
  let max = 0;
  for (const x of scores) {
    if (s.ignoredNodes.has(x.name)) continue;
    if (x.score < min) min = x.score;
    if (x.score > max) max = x.score;
  }
  for (const x of scores) {
    if (s.ignoredNodes.has(x.name)) x.score = 0;
    else if (max === 0) x.score = MAX_NODE_SCORE;
    else x.score = Math.trunc((MAX_NODE_SCORE * (max + min - x.score)) / max);
  }
}
