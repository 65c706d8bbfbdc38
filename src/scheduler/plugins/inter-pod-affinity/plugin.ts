/**
 * InterPodAffinity: required pod affinity and anti-affinity (Filter), preferred terms and existing pods' terms
 * (Score), with topologyKey domains, namespaces and namespaceSelector. Counting happens once per pod in
 * PreFilter/PreScore (filtering.ts, scoring.ts); Filter and Score are map look-ups per node.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type {
  ClusterEventWithHint,
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  NodeScore,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScoreExtensions,
  ScorePlugin,
} from '../../framework/interface.js';
import { ScoreResult, Status } from '../../framework/status.js';
import type { NodeInfo, P, PodInfo } from '../../framework/types.js';
import type { DefaultedInterPodAffinityArgs } from './args.js';
import { eventsToRegister } from './events.js';
import {
  computePreFilterState,
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  PRE_FILTER_STATE_KEY,
  PreFilterState,
  satisfyExistingPodsAntiAffinity,
  satisfyPodAffinity,
  satisfyPodAntiAffinity,
} from './filtering.js';
import { computeTopologyScore, hasPreferredTerms, normalizeScores, PRE_SCORE_STATE_KEY, PreScoreState, scoreNode } from './scoring.js';
import type { NamespaceLabelsLookup } from './terms.js';

export const NAME = 'InterPodAffinity';

export class InterPodAffinity
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, PreFilterExtensions, ScoreExtensions, EnqueueExtensions
{
  readonly name = NAME;
  private readonly result = new ScoreResult();
  private readonly namespaceLabels: NamespaceLabelsLookup;

  constructor(
    readonly args: DefaultedInterPodAffinityArgs,
    private readonly handle: Handle,
  ) {
    this.namespaceLabels = (ns) => handle.namespaceLabels(ns);
  }

  preFilter(state: CycleState, pod: P, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const withAntiAffinity = this.handle.snapshot().havePodsWithRequiredAntiAffinityList();
    const s = computePreFilterState(pod, nodes, withAntiAffinity, this.namespaceLabels);
    if (!s.hasWork) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, s);
    return { status: Status.success() };
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _podToSchedule: P, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    return this.updateWithPod(state, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _podToSchedule: P, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status {
    return this.updateWithPod(state, podInfoToRemove, nodeInfo, -1);
  }

  private updateWithPod(state: CycleState, pi: PodInfo, nodeInfo: NodeInfo, delta: 1 | -1): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (!s) return state.skipFilterPlugins.has(NAME) ? Status.success() : missing(PRE_FILTER_STATE_KEY);
    s.updateWithPod(pi, nodeInfo.node, delta);
    return Status.success();
  }

  filter(state: CycleState, _pod: P, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (!s) return missing(PRE_FILTER_STATE_KEY);
    const labels = nodeInfo.node?.metadata?.labels;
    if (!satisfyPodAffinity(s, labels)) return Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
    if (!satisfyPodAntiAffinity(s, labels)) return Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
    if (!satisfyExistingPodsAntiAffinity(s, labels)) return Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
    return Status.success();
  }

  preScore(state: CycleState, pod: P, _nodes?: readonly NodeInfo[]): Status {
    if (this.args.ignorePreferredTermsOfExistingPods && !hasPreferredTerms(pod)) return Status.skip();
    const snapshot = this.handle.snapshot();
    const scores = computeTopologyScore(pod, snapshot.list(), snapshot.havePodsWithAffinityList(), {
      hardPodAffinityWeight: this.args.hardPodAffinityWeight,
      namespaceLabels: this.namespaceLabels,
    });
    if (!scores) return Status.skip();
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(scores));
    return Status.success();
  }

  score(state: CycleState, _pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (!s) return { score: 0, status: missing(PRE_SCORE_STATE_KEY) };
    return this.result.of(scoreNode(s, nodeInfo.node?.metadata?.labels));
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(state: CycleState, _pod: P, scores: NodeScore[]): Status {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (!s) return missing(PRE_SCORE_STATE_KEY);
    if (s.topologyScore.size > 0) normalizeScores(scores);
    return Status.success();
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return eventsToRegister();
  }
}

const missing = (key: string): Status => Status.error(new Error(`reading ${JSON.stringify(key)} from cycleState: not found`));
