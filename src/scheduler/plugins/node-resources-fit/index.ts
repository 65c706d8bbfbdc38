import type { PluginFactory } from '../../framework/interface.js';
import { defaultFitArgs, validateFitArgs } from './args.js';
import { Fit } from './fit.js';

export { NAME, Fit } from './fit.js';
export {
  defaultFitArgs,
  defaultResourceSpec,
  validateFitArgs,
  validateResources,
  type NodeResourcesFitArgs,
  type ResourceSpec,
  type ScoringStrategy,
  type ScoringStrategyType,
  type UtilizationShapePoint,
} from './args.js';
export { computePodFitRequest, fitsRequest, type InsufficientResource, type PodFitRequest } from './fits.js';
export { ResourceAllocationScorer } from './resource-allocation.js';
export { isExtendedResourceName, isScalarResourceName } from './resource-names.js';

/** Args: NodeResourcesFitArgs (partial args are defaulted); invalid args throw, as upstream fails the profile. */
export const factory: PluginFactory = (args) => {
  const a = defaultFitArgs(args);
  const errs = validateFitArgs(a);
  if (errs.length > 0) throw new Error(`invalid NodeResourcesFit args: ${errs.join('; ')}`);
  return new Fit(a);
};
