import type { PluginFactory } from '../../framework/interface.js';
import { NodeUnschedulable } from './node-unschedulable.js';

export {
  NAME,
  ERR_REASON_UNKNOWN_CONDITION,
  ERR_REASON_UNSCHEDULABLE,
  TAINT_NODE_UNSCHEDULABLE,
  NodeUnschedulable,
  isSchedulableAfterNodeChange,
  isSchedulableAfterPodTolerationChange,
} from './node-unschedulable.js';

/** NodeUnschedulable takes no args. */
export const factory: PluginFactory = () => new NodeUnschedulable();
