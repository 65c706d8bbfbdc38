import type { PluginFactory } from '../../framework/interface.js';
import { defaultPodTopologySpreadArgs, validatePodTopologySpreadArgs, type PodTopologySpreadArgs } from './args.js';
import { PodTopologySpread } from './plugin.js';

export { NAME, PodTopologySpread } from './plugin.js';
export {
  defaultPodTopologySpreadArgs,
  validatePodTopologySpreadArgs,
  SYSTEM_DEFAULT_CONSTRAINTS,
  type DefaultingType,
  type PodTopologySpreadArgs,
  type DefaultedPodTopologySpreadArgs,
} from './args.js';
export { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH } from './filtering.js';

/** Args: PodTopologySpreadArgs (defaulted here too: a missing pluginConfig entry means defaultingType System). */
export const factory: PluginFactory = (args, handle) => {
  const a = defaultPodTopologySpreadArgs(args as PodTopologySpreadArgs | undefined);
  const errs = validatePodTopologySpreadArgs(a);
  if (errs.length > 0) throw new Error(`PodTopologySpreadArgs: ${errs.join('; ')}`);
  return new PodTopologySpread(a, handle);
};
