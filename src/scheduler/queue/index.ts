/** The scheduling queue: construct a PriorityQueue with the profile's QueueSort, PreEnqueue and queueing hints. */
export type { SchedulingQueue } from './interface.js';
export { PriorityQueue } from './queue.js';
export {
  type PriorityQueueOptions,
  DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS,
  UNSCHEDULABLE_FLUSH_INTERVAL_MS,
  BACKOFF_FLUSH_INTERVAL_MS,
} from './options.js';
export { DEFAULT_POD_INITIAL_BACKOFF_MS, DEFAULT_POD_MAX_BACKOFF_MS, backoffDurationMs } from './backoff.js';
export type { QueueingHintMap, QueueingStrategy } from './hints.js';
export {
  ALL_EVENTS,
  EVENT_ASSIGNED_POD_ADD,
  EVENT_FORCE_ACTIVATE,
  EVENT_UNSCHEDULABLE_TIMEOUT,
  eventLabel,
  eventMatches,
  isWildCard,
} from './cluster-events.js';
export { isPodUpdated, podSchedulingPropertiesChange } from './pod-events.js';
export { podUid } from './queued-pod.js';
