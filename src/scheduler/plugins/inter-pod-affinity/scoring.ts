/**
 * Preferred (anti-)affinity, the Score side of InterPodAffinity. PreScore sums weights per topology pair:
 * + weight for each preferred affinity term of the incoming pod that an existing pod matches,
 * - weight for each preferred anti-affinity term of the incoming pod that an existing pod matches,
 * + hardPodAffinityWeight for each required affinity term of an existing pod that the incoming pod matches,
 * ± weight for each preferred (anti-)affinity term of an existing pod that the incoming pod matches,
 * each on the pair (term's topologyKey, the existing pod's node's value). A node's score is the sum over its pairs;
 * NormalizeScore maps [min, max] onto [0, 100]. Worked example: pairs zone=a → 5, zone=b → -3, nodes n1 (a), n2 (b),
 * n3 (no zone) score 5, -3, 0 and normalize to 100, 0, 37 (100·(0+3)/8 = 37.5, truncated).
 */
import type { Labels } from '../../../machinery/labels/index.js';
import type { StateData } from '../../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../../framework/interface.js';
import { PodInfo, type AffinityTerm, type NodeInfo, type P } from '../../framework/types.js';
import { IncomingWeightedTerm, termMatches, type NamespaceLabelsLookup } from './terms.js';
import { labelValue } from './topology-counts.js';

export const PRE_SCORE_STATE_KEY = 'PreScoreInterPodAffinity';

/** topologyKey → topologyValue → summed weight. */
export type TopologyScore = Map<string, Map<string, number>>;

export class PreScoreState implements StateData {
  /** The same entries as an array: Score walks it once per node. */
  readonly entries: readonly (readonly [string, ReadonlyMap<string, number>])[];

  constructor(readonly topologyScore: TopologyScore) {
    this.entries = [...topologyScore];
  }

  /** Read-only after PreScore: shared, as upstream. */
  clone(): PreScoreState {
    return this;
  }
}

interface ScoringInput {
  pod: P;
  affinityTerms: readonly IncomingWeightedTerm[];
  antiAffinityTerms: readonly IncomingWeightedTerm[];
  namespaceLabels: Labels | undefined;
  hardPodAffinityWeight: number;
}

function add(scores: TopologyScore, key: string, nodeLabels: Labels | undefined, weight: number): void {
  const value = labelValue(nodeLabels, key);
  if (value === undefined) return;
  let values = scores.get(key);
  if (!values) scores.set(key, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + weight);
}

function addExistingTerm(scores: TopologyScore, t: AffinityTerm, weight: number, input: ScoringInput, node: Labels): void {
  if (termMatches(t, input.pod, input.namespaceLabels)) add(scores, t.topologyKey, node, weight);
}

/** `labels` are the existing pod's node's labels, non-empty. */
function processExistingPod(scores: TopologyScore, input: ScoringInput, existing: PodInfo, labels: Labels): void {
  for (const t of input.affinityTerms) if (t.matches(existing.pod)) add(scores, t.topologyKey, labels, t.weight);
  for (const t of input.antiAffinityTerms) if (t.matches(existing.pod)) add(scores, t.topologyKey, labels, -t.weight);
  if (input.hardPodAffinityWeight > 0) {
    for (const t of existing.requiredAffinityTerms) addExistingTerm(scores, t, input.hardPodAffinityWeight, input, labels);
  }
  for (const t of existing.preferredAffinityTerms) addExistingTerm(scores, t, t.weight, input, labels);
  for (const t of existing.preferredAntiAffinityTerms) addExistingTerm(scores, t, -t.weight, input, labels);
}

export interface PreScoreOptions {
  hardPodAffinityWeight: number;
  namespaceLabels: NamespaceLabelsLookup;
}

/**
 * The topology scores. Without preferred terms of its own, the incoming pod can only be scored by existing pods'
 * terms, so only `nodesWithAffinityPods` and their pods with affinity are visited; otherwise every pod of `allNodes`.
 * Returns undefined when no pair got a score (PreScore then returns Skip).
 */
export function computeTopologyScore(
  pod: P,
  allNodes: readonly NodeInfo[],
  nodesWithAffinityPods: readonly NodeInfo[],
  opts: PreScoreOptions,
): TopologyScore | undefined {
  const podInfo = new PodInfo(pod);
  const input: ScoringInput = {
    pod,
    affinityTerms: podInfo.preferredAffinityTerms.map((t) => new IncomingWeightedTerm(t, opts.namespaceLabels)),
    antiAffinityTerms: podInfo.preferredAntiAffinityTerms.map((t) => new IncomingWeightedTerm(t, opts.namespaceLabels)),
    namespaceLabels: opts.namespaceLabels(pod.metadata?.namespace ?? ''),
    hardPodAffinityWeight: opts.hardPodAffinityWeight,
  };
  const hasConstraints = hasPreferredTerms(pod);
  const scores: TopologyScore = new Map();
  for (const ni of hasConstraints ? allNodes : nodesWithAffinityPods) {
    const labels = ni.node?.metadata?.labels;
    if (!labels || !hasAnyKey(labels)) continue;
    for (const existing of hasConstraints ? ni.pods : ni.podsWithAffinity) processExistingPod(scores, input, existing, labels);
  }
  return scores.size > 0 ? scores : undefined;
}

function hasAnyKey(labels: Labels): boolean {
  for (const _ in labels) return true;
  return false;
}

export function hasPreferredTerms(pod: P): boolean {
  const a = pod.spec?.affinity;
  return (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
    (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
}

/** The sum of the scores of the node's pairs (negative for anti-affinity). */
export function scoreNode(s: PreScoreState, nodeLabels: Labels | undefined): number {
  let score = 0;
  for (let i = 0; i < s.entries.length; i++) {
    const [key, values] = s.entries[i]!;
    const value = labelValue(nodeLabels, key);
    if (value !== undefined) score += values.get(value) ?? 0;
  }
  return score;
}

/** Min–max scaling onto [0, MAX_NODE_SCORE], truncated; all equal → 0. */
export function normalizeScores(scores: NodeScore[]): void {
  let min = Infinity;
  let max = -Infinity;
  for (const s of scores) {
    if (s.score > max) max = s.score;
    if (s.score < min) min = s.score;
  }
  const diff = max - min;
  for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
}
