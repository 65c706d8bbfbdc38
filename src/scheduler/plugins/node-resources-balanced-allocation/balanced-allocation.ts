/**
 * NodeResourcesBalancedAllocation: favours nodes whose resources would be used evenly with the pod, scoring
 * (1 - standard deviation of the requested/allocatable fractions) · 100. It counts real requests (no non-zero
 * defaults) and skips best-effort pods entirely, which would otherwise all pile onto the same node.
 */
import { MAX_NODE_SCORE, type PreScorePlugin, type ScoreExtensions, type ScorePlugin } from '../../framework/interface.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import { ScoreResult, Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import { ResourceAllocationScorer } from '../node-resources-fit/index.js';
import type { NodeResourcesBalancedAllocationArgs } from './args.js';

export const NAME = 'NodeResourcesBalancedAllocation';

const PRE_SCORE_KEY = `PreScore${NAME}`;

class PreScoreState implements StateData {
  constructor(readonly podRequests: readonly number[]) {}
  clone(): StateData {
    return this;
  }
}

/**
 * Worked example: cpu 3/4 used (0.75), memory 1/4 (0.25): two fractions, std = |0.75 - 0.25| / 2 = 0.25 → 75.
 * With more resources, the population standard deviation of all fractions. Fractions are capped at 1.
 */
export function balancedResourceScorer(requested: ArrayLike<number>, allocatable: ArrayLike<number>): number {
  // Two passes instead of collecting the fractions: Score runs per node and should not allocate.
  let n = 0;
  let total = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i]! / allocatable[i]!, 1);
    if (n === 0) first = f;
    else if (n === 1) second = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) {
    std = Math.abs((first - second) / 2);
  } else if (n > 2) {
    const mean = total / n;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const d = Math.min(requested[i]! / allocatable[i]!, 1) - mean;
      sum += d * d;
    }
    std = Math.sqrt(sum / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

const isBestEffort = (podRequests: readonly number[]): boolean => podRequests.every((r) => r === 0);

export class BalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = NAME;
  private readonly scorer: ResourceAllocationScorer;
  private readonly result = new ScoreResult();

  constructor(args: NodeResourcesBalancedAllocationArgs) {
    this.scorer = new ResourceAllocationScorer(args.resources, balancedResourceScorer, true);
  }

  preScore(state: CycleState, pod: P, _nodes: readonly NodeInfo[]): Status {
    const podRequests = this.scorer.podRequests(pod);
    if (isBestEffort(podRequests)) return Status.skip();
    state.write(PRE_SCORE_KEY, new PreScoreState(podRequests));
    return Status.success();
  }

  score(state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    let podRequests = state.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests;
    if (!podRequests) {
      podRequests = this.scorer.podRequests(pod);
      if (isBestEffort(podRequests)) return { score: 0, status: Status.success() };
    }
    return this.result.of(this.scorer.score(nodeInfo, podRequests));
  }

  scoreExtensions(): ScoreExtensions | undefined {
    return undefined;
  }
}
