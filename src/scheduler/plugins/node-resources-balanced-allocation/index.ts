import type { PluginFactory } from '../../framework/interface.js';
import { defaultBalancedAllocationArgs, validateBalancedAllocationArgs } from './args.js';
import { BalancedAllocation } from './balanced-allocation.js';

export { NAME, BalancedAllocation, balancedResourceScorer } from './balanced-allocation.js';
export { defaultBalancedAllocationArgs, validateBalancedAllocationArgs, type NodeResourcesBalancedAllocationArgs } from './args.js';

/** Args: NodeResourcesBalancedAllocationArgs (partial args are defaulted); invalid args throw. */
export const factory: PluginFactory = (args) => {
  const a = defaultBalancedAllocationArgs(args);
  const errs = validateBalancedAllocationArgs(a);
  if (errs.length > 0) throw new Error(`invalid NodeResourcesBalancedAllocation args: ${errs.join('; ')}`);
  return new BalancedAllocation(a);
};
