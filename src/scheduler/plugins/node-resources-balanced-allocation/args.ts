/**
 * NodeResourcesBalancedAllocationArgs (kubescheduler.config.k8s.io/v1): the resources whose usage should stay
 * balanced, cpu and memory by default. Weights exist for symmetry with NodeResourcesFit but must be 1.
 */
import { defaultResourceSpec, type ResourceSpec } from '../node-resources-fit/index.js';

export interface NodeResourcesBalancedAllocationArgs {
  resources: ResourceSpec[];
}

export function defaultBalancedAllocationArgs(raw: unknown): NodeResourcesBalancedAllocationArgs {
  const a = (raw ?? {}) as Partial<NodeResourcesBalancedAllocationArgs>;
  const resources = a.resources?.length ? a.resources.map((r) => ({ name: r.name, weight: r.weight || 1 })) : defaultResourceSpec();
  return { resources };
}

/** Field errors as upstream's ValidateNodeResourcesBalancedAllocationArgs words them; empty when valid. */
export function validateBalancedAllocationArgs(args: NodeResourcesBalancedAllocationArgs): string[] {
  const errs: string[] = [];
  const seen = new Set<string>();
  args.resources.forEach((r, i) => {
    if (seen.has(r.name)) errs.push(`resources[${i}].name: Duplicate value: ${JSON.stringify(r.name)}`);
    seen.add(r.name);
    if (r.weight !== 1) errs.push(`resources[${i}].weight: Invalid value: ${r.weight}: must be 1`);
  });
  return errs;
}
