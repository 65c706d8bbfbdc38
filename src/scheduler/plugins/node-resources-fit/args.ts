/**
 * NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1), with upstream's defaults and validation. The scoring
 * strategy defaults to LeastAllocated over cpu and memory with weight 1; a resource without a weight gets 1.
 */
import { isQualifiedName } from '../../../machinery/validation/names.js';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** A point of the RequestedToCapacityRatio shape: utilization 0–100 → score 0–10. */
export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

export interface ScoringStrategy {
  type: ScoringStrategyType;
  resources: ResourceSpec[];
  requestedToCapacityRatio?: { shape: UtilizationShapePoint[] };
}

export interface NodeResourcesFitArgs {
  /** Extended resources the Filter does not check (e.g. managed by something else). */
  ignoredResources: string[];
  /** Extended resource groups (the part before "/") the Filter does not check. */
  ignoredResourceGroups: string[];
  scoringStrategy: ScoringStrategy;
}

/** The highest score of a shape point (upstream's MaxCustomPriorityScore). */
export const MAX_CUSTOM_PRIORITY_SCORE = 10;
export const MAX_RESOURCE_WEIGHT = 100;

export const defaultResourceSpec = (): ResourceSpec[] => [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

/** Fills in upstream's defaults; `raw` is the pluginConfig args as decoded (possibly partial or undefined). */
export function defaultFitArgs(raw: unknown): NodeResourcesFitArgs {
  const a = (raw ?? {}) as Partial<NodeResourcesFitArgs>;
  const s = a.scoringStrategy;
  const resources = s?.resources?.length ? s.resources.map((r) => ({ name: r.name, weight: r.weight || 1 })) : defaultResourceSpec();
  const scoringStrategy: ScoringStrategy = s ? { ...s, resources } : { type: 'LeastAllocated', resources };
  return { ignoredResources: [...(a.ignoredResources ?? [])], ignoredResourceGroups: [...(a.ignoredResourceGroups ?? [])], scoringStrategy };
}

const STRATEGIES: readonly string[] = ['LeastAllocated', 'MostAllocated', 'RequestedToCapacityRatio'];

/** Field errors as upstream's ValidateNodeResourcesFitArgs words them; empty when valid. */
export function validateFitArgs(args: NodeResourcesFitArgs): string[] {
  const errs: string[] = [];
  args.ignoredResources.forEach((r, i) => {
    for (const m of isQualifiedName(r)) errs.push(`ignoredResources[${i}]: Invalid value: ${JSON.stringify(r)}: ${m}`);
  });
  args.ignoredResourceGroups.forEach((g, i) => {
    if (g.includes('/')) errs.push(`ignoredResourceGroups[${i}]: Invalid value: ${JSON.stringify(g)}: resource group name can't contain '/'`);
    else for (const m of isQualifiedName(g)) errs.push(`ignoredResourceGroups[${i}]: Invalid value: ${JSON.stringify(g)}: ${m}`);
  });
  const s = args.scoringStrategy;
  if (!STRATEGIES.includes(s.type)) {
    errs.push(`scoringStrategy.type: Unsupported value: ${JSON.stringify(s.type)}: supported values: ${STRATEGIES.map((t) => JSON.stringify(t)).join(', ')}`);
  }
  errs.push(...validateResources(s.resources, 'scoringStrategy.resources'));
  if (s.type === 'RequestedToCapacityRatio') {
    if (!s.requestedToCapacityRatio) errs.push('scoringStrategy.requestedToCapacityRatio: Required value');
    else errs.push(...validateShape(s.requestedToCapacityRatio.shape ?? [], 'scoringStrategy.requestedToCapacityRatio.shape'));
  }
  return errs;
}

/** Resource weights are in (0, 100]. */
export function validateResources(resources: readonly ResourceSpec[], path: string): string[] {
  const errs: string[] = [];
  resources.forEach((r, i) => {
    if (!(r.weight > 0 && r.weight <= MAX_RESOURCE_WEIGHT)) {
      errs.push(`${path}[${i}].weight: Invalid value: ${r.weight}: resource weight of ${r.name} not in valid range (0, ${MAX_RESOURCE_WEIGHT}]`);
    }
  });
  return errs;
}

function validateShape(shape: readonly UtilizationShapePoint[], path: string): string[] {
  if (shape.length === 0) return [`${path}: Required value: at least one point must be specified`];
  const errs: string[] = [];
  shape.forEach((p, i) => {
    if (!(p.utilization >= 0 && p.utilization <= 100)) errs.push(`${path}[${i}].utilization: Invalid value: ${p.utilization}: not in valid range [0, 100]`);
    else if (i > 0 && p.utilization <= shape[i - 1]!.utilization) {
      errs.push(`${path}[${i}].utilization: Invalid value: ${p.utilization}: utilization values must be sorted in increasing order`);
    }
    if (!(p.score >= 0 && p.score <= MAX_CUSTOM_PRIORITY_SCORE)) {
      errs.push(`${path}[${i}].score: Invalid value: ${p.score}: not in valid range [0, ${MAX_CUSTOM_PRIORITY_SCORE}]`);
    }
  });
  return errs;
}
