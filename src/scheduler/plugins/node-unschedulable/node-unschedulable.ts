/**
 * NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, except those that tolerate the
 * `node.kubernetes.io/unschedulable:NoSchedule` taint (DaemonSet pods get that toleration).
 */
import type { Node, Taint } from 'kubernetes-types/core/v1.js';
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type QueueingHint,
} from '../../framework/interface.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import { tolerationsTolerateTaint } from '../../../api/core/v1/helpers/taints.js';

export const NAME = 'NodeUnschedulable';

export const ERR_REASON_UNKNOWN_CONDITION = 'node(s) had unknown conditions';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const UNSCHEDULABLE_TAINT: Taint = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

export const toleratesUnschedulable = (pod: P): boolean => tolerationsTolerateTaint(pod.spec?.tolerations, UNSCHEDULABLE_TAINT);

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  filter(_state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    const node = nodeInfo.node;
    if (!node) return Status.unresolvable(ERR_REASON_UNKNOWN_CONDITION);
    if (!node.spec?.unschedulable || toleratesUnschedulable(pod)) return Status.success();
    return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint }, queueingHint: isSchedulableAfterNodeChange },
      { event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations }, queueingHint: isSchedulableAfterPodTolerationChange },
    ];
  }
}

/** Queue when a schedulable node is added, or a node goes from unschedulable to schedulable. */
export function isSchedulableAfterNodeChange(_pod: P, oldObj: unknown, newObj: unknown): QueueingHint {
  const original = oldObj as Node | undefined;
  const modified = newObj as Node | undefined;
  if (!modified) return 'QueueSkip';
  if (modified.spec?.unschedulable) return 'QueueSkip';
  if (!original || original.spec?.unschedulable) return 'Queue';
  return 'QueueSkip';
}

/**
 * Queue when the rejected pod itself now tolerates the unschedulable taint. Tolerations can only be added, and a pod
 * rejected here did not tolerate it, so the new object alone decides.
 */
export function isSchedulableAfterPodTolerationChange(pod: P, _oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as P | undefined;
  if (!modified || modified.metadata?.uid !== pod.metadata?.uid) return 'QueueSkip';
  return toleratesUnschedulable(modified) ? 'Queue' : 'QueueSkip';
}
