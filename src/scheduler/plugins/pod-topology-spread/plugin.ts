/**
 * PodTopologySpread: spreads pods matching a selector over topology domains (topologySpreadConstraints), hard
 * (DoNotSchedule: Filter) or soft (ScheduleAnyway: Score), with cluster default constraints for pods that declare
 * none. Counting happens once per pod in PreFilter/PreScore (incrementally across pods, counts-cache.ts); Filter and
 * Score are look-ups per node.
 */
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
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
import { SYSTEM_DEFAULT_CONSTRAINTS, type DefaultedPodTopologySpreadArgs } from './args.js';
import { filterConstraints, type SpreadConstraint, type UnsatisfiableAction } from './constraints.js';
import { TopologyCountsCache } from './counts-cache.js';
import { defaultSelector, spreadListers, type SpreadListers } from './default-selector.js';
import { eventsToRegister } from './events.js';
import {
  computePreFilterState,
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  filterNode,
  PRE_FILTER_STATE_KEY,
  PreFilterState,
} from './filtering.js';
import { computePreScoreState, normalizeScores, PRE_SCORE_STATE_KEY, PreScoreState, scoreNode } from './scoring.js';

export const NAME = 'PodTopologySpread';

export class PodTopologySpread
  implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, PreFilterExtensions, ScoreExtensions, EnqueueExtensions
{
  readonly name = NAME;
  /** The constraints given to pods without their own (none for List with an empty list). */
  readonly defaultConstraints: readonly TopologySpreadConstraint[];
  /** Whether the defaults are the system's (nodes then need not carry every topology key to be scored). */
  readonly systemDefaulted: boolean;
  private readonly listers: SpreadListers | undefined;
  /** Counts kept between cycles for the snapshot's node list (see counts-cache.ts). */
  private readonly counts: TopologyCountsCache;
  private readonly result = new ScoreResult();

  constructor(
    args: DefaultedPodTopologySpreadArgs,
    private readonly handle: Handle,
  ) {
    this.systemDefaulted = args.defaultingType === 'System';
    this.defaultConstraints = this.systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : args.defaultConstraints;
    this.listers = this.defaultConstraints.length > 0 ? spreadListers(handle.informers) : undefined;
    this.counts = new TopologyCountsCache(16, () => handle.snapshot());
  }

  /** The pod's constraints for one action: its own, or the defaults with the selector derived from its owners. */
  constraints(pod: P, action: UnsatisfiableAction): SpreadConstraint[] {
    const own = pod.spec?.topologySpreadConstraints;
    if (own?.length) return filterConstraints(own, pod.metadata?.labels, action);
    const defaults = filterConstraints(this.defaultConstraints, pod.metadata?.labels, action);
    if (defaults.length === 0 || !this.listers) return [];
    const selector = defaultSelector(this.listers, pod);
    if (selector.isEverything()) return [];
    return defaults.map((c) => ({ ...c, selector }));
  }

  preFilter(state: CycleState, pod: P, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraints(pod, 'DoNotSchedule');
    } catch (err) {
      return { status: Status.error(new Error(`get constraints from pod: ${(err as Error).message}`)) };
    }
    if (constraints.length === 0) return { status: Status.skip() };
    const cache = nodes === this.handle.snapshot().list() ? this.counts : undefined;
    state.write(PRE_FILTER_STATE_KEY, computePreFilterState(pod, constraints, nodes, cache));
    return { status: Status.success() };
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, podToSchedule: P, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    return this.updateWithPod(state, podToSchedule, podInfoToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, podToSchedule: P, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status {
    return this.updateWithPod(state, podToSchedule, podInfoToRemove, nodeInfo, -1);
  }

  private updateWithPod(state: CycleState, preemptor: P, pi: PodInfo, nodeInfo: NodeInfo, delta: 1 | -1): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (!s) return state.skipFilterPlugins.has(NAME) ? Status.success() : missing(PRE_FILTER_STATE_KEY);
    s.updateWithPod(pi.pod, preemptor, nodeInfo.node, delta);
    return Status.success();
  }

  filter(state: CycleState, _pod: P, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (!s) return missing(PRE_FILTER_STATE_KEY);
    switch (filterNode(s, nodeInfo.node?.metadata?.labels)) {
      case 'missingLabel':
        return Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
      case 'skew':
        return Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
      default:
        return Status.success();
    }
  }

  preScore(state: CycleState, pod: P, filteredNodes: readonly NodeInfo[]): Status {
    const allNodes = this.handle.snapshot().list();
    if (allNodes.length === 0) return Status.skip();
    let constraints: SpreadConstraint[];
    try {
      constraints = this.constraints(pod, 'ScheduleAnyway');
    } catch (err) {
      return Status.error(new Error(`obtaining pod's soft topology spread constraints: ${(err as Error).message}`));
    }
    if (constraints.length === 0) return Status.skip();
    const requireAllTopologies = (pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !this.systemDefaulted;
    state.write(PRE_SCORE_STATE_KEY, computePreScoreState(pod, constraints, filteredNodes, allNodes, requireAllTopologies, this.counts));
    return Status.success();
  }

  score(state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (!s) return { score: 0, status: missing(PRE_SCORE_STATE_KEY) };
    return this.result.of(scoreNode(s, pod, nodeInfo));
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(state: CycleState, _pod: P, scores: NodeScore[]): Status {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (!s) return missing(PRE_SCORE_STATE_KEY);
    normalizeScores(s, scores);
    return Status.success();
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return eventsToRegister((pod) => this.constraints(pod, 'DoNotSchedule'));
  }
}

const missing = (key: string): Status => Status.error(new Error(`reading ${JSON.stringify(key)} from cycleState: not found`));
