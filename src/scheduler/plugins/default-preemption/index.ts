import type { PluginFactory } from '../../framework/interface.js';
import { defaultPreemptionArgs, validatePreemptionArgs } from './args.js';
import { DefaultPreemption } from './default-preemption.js';

export { NAME, MSG_NOT_HELPFUL, MSG_NO_CANDIDATE, DefaultPreemption, noCandidateMessage } from './default-preemption.js';
export {
  calculateNumCandidates,
  defaultPreemptionArgs,
  validatePreemptionArgs,
  DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE,
  DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE,
  type DefaultPreemptionArgs,
} from './args.js';
export { dryRunPreemption, nodesWherePreemptionMightHelp, type Candidate } from './candidates.js';
export {
  podIneligibleReason,
  podTerminatingByPreemption,
  DISRUPTION_TARGET,
  REASON_PREEMPTION_BY_SCHEDULER,
  MSG_POLICY_NEVER,
  MSG_TERMINATING_ON_NOMINATED,
} from './eligibility.js';
export { filterPodsWithPDBViolation, type PDB } from './pdb.js';
export { selectCandidate } from './select.js';
export { selectVictimsOnNode, ERR_NO_VICTIMS, type Victims } from './select-victims.js';
export { moreImportantPod, podPriority } from './importance.js';

/** Args: DefaultPreemptionArgs (partial args are defaulted); invalid args throw, as upstream fails the profile. */
export const factory: PluginFactory = (args, handle) => {
  const a = defaultPreemptionArgs(args);
  const errs = validatePreemptionArgs(a);
  if (errs.length > 0) throw new Error(`invalid DefaultPreemption args: ${errs.join('; ')}`);
  return new DefaultPreemption(a, handle);
};
