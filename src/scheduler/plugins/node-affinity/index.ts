import type { PluginFactory } from '../../framework/interface.js';
import { defaultNodeAffinityArgs, validateNodeAffinityArgs } from './args.js';
import { NodeAffinity } from './node-affinity.js';

export { NAME, NodeAffinity, ERR_REASON_POD, ERR_REASON_ENFORCED, ERR_REASON_CONFLICT } from './node-affinity.js';
export { defaultNodeAffinityArgs, validateNodeAffinityArgs, type NodeAffinityArgs } from './args.js';
export { requiredNodeNames } from './required-node-names.js';

/** Args: NodeAffinityArgs (addedAffinity); invalid args throw, as upstream fails the profile. */
export const factory: PluginFactory = (args) => {
  const a = defaultNodeAffinityArgs(args);
  const errs = validateNodeAffinityArgs(a);
  if (errs.length > 0) throw new Error(`invalid NodeAffinity args: ${errs.join('; ')}`);
  return new NodeAffinity(a);
};
