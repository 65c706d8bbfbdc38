/**
 * The cluster events the scheduler reports to its queue (upstream's framework/events.go): what changed, so that only
 * the unschedulable pods whose rejecting plugins registered for that change are retried.
 */
import { ActionType, type ClusterEvent, type EventResource } from './framework/interface.js';
import type { N } from './framework/types.js';

const event = (resource: EventResource, actionType: number, label: string): ClusterEvent => ({ resource, actionType, label });

export const EVENT_NODE_ADD = event('Node', ActionType.Add, 'NodeAdd');
export const EVENT_ASSIGNED_POD_DELETE = event('AssignedPod', ActionType.Delete, 'AssignedPodDelete');
export const EVENT_NODE_SPEC_UNSCHEDULABLE_CHANGE = event('Node', ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange');
export const EVENT_NODE_ALLOCATABLE_CHANGE = event('Node', ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange');
export const EVENT_NODE_LABEL_CHANGE = event('Node', ActionType.UpdateNodeLabel, 'NodeLabelChange');
export const EVENT_NODE_TAINT_CHANGE = event('Node', ActionType.UpdateNodeTaint, 'NodeTaintChange');
export const EVENT_NODE_CONDITION_CHANGE = event('Node', ActionType.UpdateNodeCondition, 'NodeConditionChange');
export const EVENT_NODE_ANNOTATION_CHANGE = event('Node', ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange');

/** Add/Update events of the other resources plugins watch, e.g. "PersistentVolumeClaimAdd". */
export const resourceEvent = (resource: EventResource, action: 'Add' | 'Update' | 'Delete'): ClusterEvent =>
  event(resource, action === 'Add' ? ActionType.Add : action === 'Delete' ? ActionType.Delete : ActionType.Update, `${resource}${action}`);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Condition type → status: heartbeat and transition times do not count as a change. */
function conditionStatuses(n: N): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of n.status?.conditions ?? []) out[c.type] = c.status;
  return out;
}

/**
 * The scheduling-relevant changes between two versions of a node (upstream's NodeSchedulingPropertiesChange), in
 * upstream's order; empty when only irrelevant fields (heartbeats, images …) changed.
 */
export function nodeSchedulingPropertiesChange(newNode: N, oldNode: N): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!!newNode.spec?.unschedulable !== !!oldNode.spec?.unschedulable && !newNode.spec?.unschedulable) {
    out.push(EVENT_NODE_SPEC_UNSCHEDULABLE_CHANGE);
  }
  if (!same(newNode.status?.allocatable, oldNode.status?.allocatable)) out.push(EVENT_NODE_ALLOCATABLE_CHANGE);
  if (!same(newNode.metadata?.labels, oldNode.metadata?.labels)) out.push(EVENT_NODE_LABEL_CHANGE);
  if (!same(newNode.spec?.taints, oldNode.spec?.taints)) out.push(EVENT_NODE_TAINT_CHANGE);
  if (!same(conditionStatuses(newNode), conditionStatuses(oldNode))) out.push(EVENT_NODE_CONDITION_CHANGE);
  if (!same(newNode.metadata?.annotations, oldNode.metadata?.annotations)) out.push(EVENT_NODE_ANNOTATION_CHANGE);
  return out;
}
