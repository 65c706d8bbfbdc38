import type { PluginFactory } from '../../framework/interface.js';
import { defaultInterPodAffinityArgs, validateInterPodAffinityArgs, type InterPodAffinityArgs } from './args.js';
import { InterPodAffinity } from './plugin.js';

export { NAME, InterPodAffinity } from './plugin.js';
export {
  DEFAULT_HARD_POD_AFFINITY_WEIGHT,
  defaultInterPodAffinityArgs,
  validateInterPodAffinityArgs,
  type InterPodAffinityArgs,
  type DefaultedInterPodAffinityArgs,
} from './args.js';
export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from './filtering.js';
export { isSchedulableAfterNodeChange, isSchedulableAfterPodChange } from './events.js';

/** Args: InterPodAffinityArgs (defaulted here too, so a missing pluginConfig entry means upstream's defaults). */
export const factory: PluginFactory = (args, handle) => {
  const a = defaultInterPodAffinityArgs(args as InterPodAffinityArgs | undefined);
  const errs = validateInterPodAffinityArgs(a);
  if (errs.length > 0) throw new Error(`InterPodAffinityArgs: ${errs.join('; ')}`);
  return new InterPodAffinity(a, handle);
};
