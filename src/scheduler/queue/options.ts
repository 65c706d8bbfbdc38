/** Construction options of the scheduling queue (upstream's PriorityQueue options and the profiles' plugins). */
import type { Clock } from '../../machinery/clock/clock.js';
import type { Labels } from '../../machinery/labels/index.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { QueuedPodInfo } from '../framework/interface.js';
import type { Status } from '../framework/status.js';
import type { P } from '../framework/types.js';
import type { QueueingHintMap } from './hints.js';

export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;
/** How often the pool is checked for pods that stayed too long (upstream: every 30 s). */
export const UNSCHEDULABLE_FLUSH_INTERVAL_MS = 30_000;
/** How often pods whose backoff ended move from backoffQ to activeQ (upstream: every 1 s). */
export const BACKOFF_FLUSH_INTERVAL_MS = 1_000;

export interface PriorityQueueOptions {
  /** The profile's QueueSort (every profile must use the same one, as upstream): true when a goes before b. */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  /** Reads time and sets the flush timers; FakeClock in tests. Defaults to the real clock. */
  clock?: Clock;
  /**
   * Runs the PreEnqueue plugins of the pod's profile (the runtime dispatches on spec.schedulerName). Anything but
   * Success gates the pod: it waits in the pool, and `status.plugin` (e.g. "SchedulingGates") is recorded as a
   * rejecting plugin. Run whenever a pod is about to enter activeQ or backoffQ. Absent: no pod is gated.
   */
  preEnqueue?(pod: P): Status;
  /**
   * Plugin name → the events it registered (EnqueueExtensions), for every profile. A plugin absent from the map is
   * interested in no event: pods it rejected leave the pool only by timeout, so the runtime registers plugins without
   * EnqueueExtensions for every event (`[{ event: ALL_EVENTS }]`), as upstream does. Absent altogether: every
   * event moves every rejected pod.
   */
  queueingHints?: QueueingHintMap;
  /** Per-profile maps (spec.schedulerName → map) when profiles differ; a pod's profile map wins over queueingHints. */
  profileQueueingHints?: ReadonlyMap<string, QueueingHintMap>;
  /** Backoff after the first failed attempt; doubles per attempt up to podMaxBackoffMs. Default 1000. */
  podInitialBackoffMs?: number;
  /** Default 10000. */
  podMaxBackoffMs?: number;
  /** A pod rejected this long ago leaves the pool even without an event. Default 5 minutes. */
  podMaxInUnschedulablePodsDurationMs?: number;
  /**
   * Upstream 1.33's SchedulerPopFromBackoffQ (beta there, on by default): when activeQ is empty, pop() takes the
   * plugin-rejected pod of backoffQ whose backoff ends first instead of waiting. Default false here: backoff is
   * always served whole, which is what the tests and the issue describe.
   */
  popFromBackoffQ?: boolean;
  /** Labels of a namespace from the informer cache, for affinity terms with a namespaceSelector. */
  namespaceLabels?(namespace: string): Labels | undefined;
  logger?: Logger;
  /** Aborting it closes the queue. */
  signal?: AbortSignal;
}
