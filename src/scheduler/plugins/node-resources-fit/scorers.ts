/**
 * The scoring strategies of NodeResourcesFit. Each maps, per configured resource, what the node would have requested
 * with the pod against its allocatable, and combines the per-resource scores by weight. Resources with allocatable 0
 * (not on this node, or an extended resource the pod does not request) are left out. Integer arithmetic truncates as
 * upstream's int64 does, so scores match upstream's exactly.
 */
import { MAX_NODE_SCORE } from '../../framework/interface.js';
import { MAX_CUSTOM_PRIORITY_SCORE, type ResourceSpec, type UtilizationShapePoint } from './args.js';

/** requested[i] and allocatable[i] are for resources[i]; returns 0–100. */
export type ResourceScorer = (requested: ArrayLike<number>, allocatable: ArrayLike<number>) => number;

const div = (a: number, b: number): number => Math.trunc(a / b);

/** Free share: (allocatable - requested) / allocatable; spreads pods. */
export const leastRequestedScore = (requested: number, capacity: number): number => {
  if (capacity === 0 || requested > capacity) return 0;
  return div((capacity - requested) * MAX_NODE_SCORE, capacity);
};

/** Used share: requested / allocatable; packs pods. Over-commit (from non-zero defaults) counts as full. */
export const mostRequestedScore = (requested: number, capacity: number): number => {
  if (capacity === 0) return 0;
  return div(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity);
};

function weightedAverage(resources: readonly ResourceSpec[], perResource: (req: number, cap: number) => number): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = resources[i]!.weight;
      nodeScore += perResource(requested[i]!, allocatable[i]!) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : div(nodeScore, weightSum);
  };
}

export const leastAllocatedScorer = (resources: readonly ResourceSpec[]): ResourceScorer => weightedAverage(resources, leastRequestedScore);
export const mostAllocatedScorer = (resources: readonly ResourceSpec[]): ResourceScorer => weightedAverage(resources, mostRequestedScore);

/**
 * A piecewise-linear function through the shape points, flat before the first and after the last. Worked example:
 * shape (0→0, 100→100) at p=37 gives 0 + (100-0)·(37-0)/(100-0) = 37.
 */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      if (p > shape[i]!.utilization) continue;
      if (i === 0) return shape[0]!.score;
      const a = shape[i - 1]!;
      const b = shape[i]!;
      return a.score + div((b.score - a.score) * (p - a.utilization), b.utilization - a.utilization);
    }
    return shape[shape.length - 1]!.score;
  };
}

const MAX_UTILIZATION = 100;

/**
 * RequestedToCapacityRatio: the user's shape maps utilization (0–100) to a score (0–10, scaled to 0–100). Only
 * resources with a positive score count toward the weighted average, which is rounded.
 */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): ResourceScorer {
  const scale = MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
  const f = brokenLinearFunction(shape.map((p) => ({ utilization: p.utilization, score: p.score * scale })));
  const perResource = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity ? f(MAX_UTILIZATION) : f(div(requested * MAX_UTILIZATION, capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = resources[i]!.weight;
      const s = perResource(requested[i]!, allocatable[i]!);
      if (s > 0) {
        nodeScore += s * weight;
        weightSum += weight;
      }
    }
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}
