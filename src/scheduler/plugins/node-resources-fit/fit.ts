/**
 * NodeResourcesFit: Filter rejects nodes without room for the pod's requests (init containers, sidecars and overhead
 * included, as the kubelet admits them); Score ranks the feasible ones by the configured strategy (LeastAllocated
 * spreads, MostAllocated packs, RequestedToCapacityRatio follows a user shape).
 */
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScoreExtensions,
  type ScorePlugin,
} from '../../framework/interface.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import { Code, ScoreResult, Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import type { NodeResourcesFitArgs, ScoringStrategy } from './args.js';
import { computePodFitRequest, fitsRequest, type IgnoredResources, type PodFitRequest } from './fits.js';
import { isSchedulableAfterNodeChange, isSchedulableAfterPodEvent } from './queueing-hints.js';
import { ResourceAllocationScorer } from './resource-allocation.js';
import { leastAllocatedScorer, mostAllocatedScorer, requestedToCapacityRatioScorer, type ResourceScorer } from './scorers.js';

export const NAME = 'NodeResourcesFit';

const PRE_FILTER_KEY = `PreFilter${NAME}`;
const PRE_SCORE_KEY = `PreScore${NAME}`;

/** Immutable once written, so clones share it. */
class PreFilterState implements StateData {
  constructor(readonly fit: PodFitRequest) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

function strategyScorer(s: ScoringStrategy): ResourceScorer {
  switch (s.type) {
    case 'LeastAllocated':
      return leastAllocatedScorer(s.resources);
    case 'MostAllocated':
      return mostAllocatedScorer(s.resources);
    case 'RequestedToCapacityRatio':
      return requestedToCapacityRatioScorer(s.resources, s.requestedToCapacityRatio?.shape ?? []);
  }
}

export class Fit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = NAME;
  private readonly ignored: IgnoredResources;
  private readonly scorer: ResourceAllocationScorer;
  private readonly result = new ScoreResult();

  constructor(args: NodeResourcesFitArgs) {
    this.ignored = { resources: new Set(args.ignoredResources), groups: new Set(args.ignoredResourceGroups) };
    this.scorer = new ResourceAllocationScorer(args.scoringStrategy.resources, strategyScorer(args.scoringStrategy), false);
  }

  preFilter(state: CycleState, pod: P, _nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    state.write(PRE_FILTER_KEY, new PreFilterState(computePodFitRequest(pod, this.ignored)));
    return { status: Status.success() };
  }

  preFilterExtensions(): PreFilterExtensions | undefined {
    return undefined;
  }

  filter(state: CycleState, _pod: P, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return Status.error(new Error(`error reading ${JSON.stringify(PRE_FILTER_KEY)} from cycleState: not found`));
    const insufficient = fitsRequest(s.fit, nodeInfo);
    if (insufficient.length === 0) return Status.success();
    // Every shortfall is a reason; preemption may free them, so the code stays Unschedulable (1.33).
    return new Status(Code.Unschedulable, insufficient.map((r) => r.reason));
  }

  preScore(state: CycleState, pod: P, _nodes: readonly NodeInfo[]): Status {
    state.write(PRE_SCORE_KEY, new PreScoreState(this.scorer.podRequests(pod)));
    return Status.success();
  }

  score(state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    const podRequests = state.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests ?? this.scorer.podRequests(pod);
    return this.result.of(this.scorer.score(nodeInfo, podRequests));
  }

  scoreExtensions(): ScoreExtensions | undefined {
    return undefined;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown },
        queueingHint: isSchedulableAfterPodEvent,
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable },
        queueingHint: (pod, oldObj, newObj) => isSchedulableAfterNodeChange(pod, oldObj, newObj, this.ignored),
      },
    ];
  }
}
