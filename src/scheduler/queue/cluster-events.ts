/**
 * Cluster events as the queue sees them (upstream's framework/types.go events): matching an incoming event against
 * a registered one, and the events the queue raises itself.
 */
import { ActionType, type ClusterEvent, type EventResource } from '../framework/interface.js';

/** A registration of WildCard/All matches every event; an incoming WildCard/All event moves every pod. */
export const isWildCard = (e: ClusterEvent): boolean => e.resource === 'WildCard' && e.actionType === ActionType.All;

/**
 * Whether `incoming` is an event the `registered` one asks for: same resource (a registered `Pod` also covers the
 * incoming `AssignedPod` and `UnscheduledPod`, a registered `WildCard` every resource) and at least one common
 * action bit.
 */
export function eventMatches(registered: ClusterEvent, incoming: ClusterEvent): boolean {
  if (isWildCard(registered)) return true;
  return resourceMatches(registered.resource, incoming.resource) && (registered.actionType & incoming.actionType) !== 0;
}

function resourceMatches(registered: EventResource, incoming: EventResource): boolean {
  return (
    registered === 'WildCard' ||
    registered === incoming ||
    (registered === 'Pod' && (incoming === 'AssignedPod' || incoming === 'UnscheduledPod'))
  );
}

/** The label upstream's metrics and logs use, e.g. `NodeAdd`, `AssignedPodUpdate`. */
export function eventLabel(e: ClusterEvent): string {
  if (e.label) return e.label;
  const action = Object.entries(ActionType).find(([, v]) => v === e.actionType)?.[0] ?? String(e.actionType);
  return `${e.resource}${action}`;
}

/** Raised by the queue for pods that stayed podMaxInUnschedulablePodsDuration in the pool. */
export const EVENT_UNSCHEDULABLE_TIMEOUT: ClusterEvent = {
  resource: 'WildCard',
  actionType: ActionType.All,
  label: 'UnschedulableTimeout',
};

/** A wildcard event aimed at one pod (upstream's ForceActivate): newObj is the pod; others ignore it. */
export const EVENT_FORCE_ACTIVATE: ClusterEvent = { resource: 'WildCard', actionType: ActionType.All, label: 'ForceActivate' };

export const EVENT_ASSIGNED_POD_ADD: ClusterEvent = { resource: 'AssignedPod', actionType: ActionType.Add, label: 'AssignedPodAdd' };

/** What a plugin without EnqueueExtensions registers for: every event (as upstream does for such plugins). */
export const ALL_EVENTS: ClusterEvent = { resource: 'WildCard', actionType: ActionType.All, label: 'WildCard' };
