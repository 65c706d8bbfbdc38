import type { PluginFactory } from '../../framework/interface.js';
import { TaintToleration } from './taint-toleration.js';

export {
  NAME,
  TaintToleration,
  untoleratedTaintReason,
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
} from './taint-toleration.js';

/** TaintToleration takes no args. */
export const factory: PluginFactory = () => new TaintToleration();
