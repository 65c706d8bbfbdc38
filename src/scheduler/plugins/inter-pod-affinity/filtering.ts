/**
 * Required (anti-)affinity, the Filter side of InterPodAffinity. PreFilter counts, per topology pair:
 * - existingAntiAffinityCounts: terms of existing pods' required anti-affinity that the incoming pod matches, on
 *   the nodes that have such pods only (the snapshot keeps that list);
 * - affinityCounts: existing pods matching *all* the incoming pod's required affinity terms (one count per term);
 * - antiAffinityCounts: existing pods matching each of the incoming pod's required anti-affinity terms.
 * Filter then looks up the node's own pairs. AddPod/RemovePod move the same counts for preemption's what-if.
 */
import type { Labels } from '../../../machinery/labels/index.js';
import type { StateData } from '../../framework/cycle-state.js';
import { PodInfo, type N, type NodeInfo, type P } from '../../framework/types.js';
import { IncomingTerm, podMatchesAllTerms, termMatches, type NamespaceLabelsLookup } from './terms.js';
import { labelValue, TopologyCounts } from './topology-counts.js';

export const PRE_FILTER_STATE_KEY = 'PreFilterInterPodAffinity';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

export class PreFilterState implements StateData {
  constructor(
    readonly podInfo: PodInfo,
    readonly affinityTerms: readonly IncomingTerm[],
    readonly antiAffinityTerms: readonly IncomingTerm[],
    /** Labels of the incoming pod's namespace (existing pods' namespaceSelectors match against them). */
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinityCounts = new TopologyCounts(),
    readonly affinityCounts = new TopologyCounts(),
    readonly antiAffinityCounts = new TopologyCounts(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.podInfo,
      this.affinityTerms,
      this.antiAffinityTerms,
      this.namespaceLabels,
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
    );
  }

  /** Counts (delta 1) or uncounts (delta -1) one existing pod on `node`. */
  updateWithPod(existing: PodInfo, node: N | undefined, delta: 1 | -1): void {
    if (!node) return;
    const labels = node.metadata?.labels;
    this.updateWithExistingAntiAffinity(existing, labels, delta);
    this.updateWithIncomingTerms(existing.pod, labels, delta);
  }

  updateWithExistingAntiAffinity(existing: PodInfo, nodeLabels: Labels | undefined, delta: 1 | -1): void {
    for (const t of existing.requiredAntiAffinityTerms) {
      if (termMatches(t, this.podInfo.pod, this.namespaceLabels)) this.existingAntiAffinityCounts.update(nodeLabels, t.topologyKey, delta);
    }
  }

  updateWithIncomingTerms(existing: P, nodeLabels: Labels | undefined, delta: 1 | -1): void {
    if (podMatchesAllTerms(this.affinityTerms, existing)) {
      for (const t of this.affinityTerms) this.affinityCounts.update(nodeLabels, t.topologyKey, delta);
    }
    for (const t of this.antiAffinityTerms) if (t.matches(existing)) this.antiAffinityCounts.update(nodeLabels, t.topologyKey, delta);
  }

  /** Whether the state can reject anything (otherwise PreFilter returns Skip). */
  get hasWork(): boolean {
    return this.existingAntiAffinityCounts.size > 0 || this.affinityTerms.length > 0 || this.antiAffinityTerms.length > 0;
  }
}

/**
 * Builds the state: `allNodes` is the whole snapshot, `nodesWithRequiredAntiAffinity` the nodes that host pods with
 * required anti-affinity. Only the incoming pod's own required terms make PreFilter walk every pod.
 */
export function computePreFilterState(
  pod: P,
  allNodes: readonly NodeInfo[],
  nodesWithRequiredAntiAffinity: readonly NodeInfo[],
  namespaceLabels: NamespaceLabelsLookup,
): PreFilterState {
  const podInfo = new PodInfo(pod);
  const s = new PreFilterState(
    podInfo,
    podInfo.requiredAffinityTerms.map((t) => new IncomingTerm(t, namespaceLabels)),
    podInfo.requiredAntiAffinityTerms.map((t) => new IncomingTerm(t, namespaceLabels)),
    namespaceLabels(pod.metadata?.namespace ?? ''),
  );
  for (const ni of nodesWithRequiredAntiAffinity) {
    if (!ni.node) continue;
    const labels = ni.node.metadata?.labels;
    for (const existing of ni.podsWithRequiredAntiAffinity) s.updateWithExistingAntiAffinity(existing, labels, 1);
  }
  if (s.affinityTerms.length === 0 && s.antiAffinityTerms.length === 0) return s;
  for (const ni of allNodes) {
    if (!ni.node) continue;
    const labels = ni.node.metadata?.labels;
    for (const existing of ni.pods) s.updateWithIncomingTerms(existing.pod, labels, 1);
  }
  return s;
}

/**
 * The node has every topology key of the required affinity terms and, for each, a pod matching all of them in
 * its domain. Exception (the first pod of a group whose affinity selects itself): when no pod anywhere matches,
 * the pod is allowed on any node with the keys if it matches all its own terms.
 */
export function satisfyPodAffinity(s: PreFilterState, nodeLabels: Labels | undefined): boolean {
  let podsExist = true;
  for (const t of s.affinityTerms) {
    const value = labelValue(nodeLabels, t.topologyKey);
    if (value === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, value) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  return s.affinityCounts.size === 0 && podMatchesAllTerms(s.affinityTerms, s.podInfo.pod);
}

/** No pod matching one of the incoming pod's required anti-affinity terms is in the node's domain of that term. */
export function satisfyPodAntiAffinity(s: PreFilterState, nodeLabels: Labels | undefined): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.antiAffinityTerms) if (s.antiAffinityCounts.forNode(nodeLabels, t.topologyKey) > 0) return false;
  return true;
}

/** No existing pod's required anti-affinity term that matches the incoming pod covers any pair of the node. */
export function satisfyExistingPodsAntiAffinity(s: PreFilterState, nodeLabels: Labels | undefined): boolean {
  return s.existingAntiAffinityCounts.size === 0 || !s.existingAntiAffinityCounts.anyPositive(nodeLabels);
}
