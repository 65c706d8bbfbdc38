/**
 * Whether a cluster event may make a pod of the unschedulable pool schedulable (upstream's isPodWorthRequeuing):
 * only the plugins that rejected the pod in its last attempt are asked, through the events they registered and their
 * queueing hints.
 */
import type { Logger } from '../../machinery/log/logger.js';
import type { ClusterEvent, ClusterEventWithHint, QueuedPodInfo, QueueingHint } from '../framework/interface.js';
import { podKey } from '../framework/types.js';
import { eventLabel, eventMatches, isWildCard } from './cluster-events.js';
import { podUid } from './queued-pod.js';

/** Plugin name → the events it registered (from its EnqueueExtensions). */
export type QueueingHintMap = ReadonlyMap<string, readonly ClusterEventWithHint[]>;

/**
 * skip: stay in the pool. afterBackoff: backoffQ while the pod still backs off, else activeQ. immediately: activeQ
 * (a plugin that returned Pending said the event resolves it; backoff is for rejections, not for waiting).
 */
export type QueueingStrategy = 'skip' | 'afterBackoff' | 'immediately';

export function isPodWorthRequeuing(
  hints: QueueingHintMap | undefined,
  pInfo: QueuedPodInfo,
  event: ClusterEvent,
  oldObj: unknown,
  newObj: unknown,
  logger: Logger,
): QueueingStrategy {
  const { unschedulablePlugins: rejected, pendingPlugins: pending } = pInfo;
  // A failure no plugin claimed: any event may be the one that fixes it.
  if (rejected.size === 0 && pending.size === 0) return 'afterBackoff';
  if (isWildCard(event)) return wildCardTargets(pInfo, newObj) ? 'afterBackoff' : 'skip';
  // No map for this profile: nothing tells us the event is irrelevant.
  if (!hints) return 'afterBackoff';
  // Pending plugins are asked first: a Queue from a rejecting plugin then means that none of them said Queue.
  for (const plugin of [...pending, ...rejected]) {
    for (const registered of hints.get(plugin) ?? []) {
      if (!eventMatches(registered.event, event)) continue;
      if (runHint(registered, plugin, pInfo, event, oldObj, newObj, logger) === 'QueueSkip') continue;
      return pending.has(plugin) ? 'immediately' : 'afterBackoff';
    }
  }
  return 'skip';
}

/** A wildcard event with a pod in newObj is for that pod only (ForceActivate); without one it is for every pod. */
function wildCardTargets(pInfo: QueuedPodInfo, newObj: unknown): boolean {
  if (newObj === undefined || newObj === null) return true;
  const pod = newObj as { metadata?: { uid?: string } };
  return typeof pod === 'object' && !!pod.metadata && podUid(pod) === podUid(pInfo.podInfo.pod);
}

/** A hint that throws counts as Queue: moving a pod for nothing costs one attempt, losing it costs minutes. */
function runHint(
  registered: ClusterEventWithHint,
  plugin: string,
  pInfo: QueuedPodInfo,
  event: ClusterEvent,
  oldObj: unknown,
  newObj: unknown,
  logger: Logger,
): QueueingHint {
  if (!registered.queueingHint) return 'Queue';
  try {
    return registered.queueingHint(pInfo.podInfo.pod, oldObj, newObj);
  } catch (err) {
    logger.error('QueueingHint failed; the pod is queued', {
      plugin,
      pod: podKey(pInfo.podInfo.pod),
      event: eventLabel(event),
      err: err instanceof Error ? err.message : String(err),
    });
    return 'Queue';
  }
}

/**
 * Where a pod goes after a failed attempt of this queue's pop, given the events that arrived meanwhile (as if it had
 * been in the pool when they came) and whether the pod itself changed (isPodUpdated). A failure no plugin claimed
 * goes to backoff whatever happened.
 */
export function strategyAfterAttempt(
  hints: QueueingHintMap | undefined,
  pInfo: QueuedPodInfo,
  events: readonly { event: ClusterEvent; oldObj: unknown; newObj: unknown }[],
  podUpdated: boolean,
  logger: Logger,
): QueueingStrategy {
  if (pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0) return 'afterBackoff';
  let best: QueueingStrategy = podUpdated ? 'afterBackoff' : 'skip';
  for (const e of events) {
    const s = isPodWorthRequeuing(hints, pInfo, e.event, e.oldObj, e.newObj, logger);
    if (s === 'immediately') return s;
    if (s === 'afterBackoff') best = s;
  }
  return best;
}

/**
 * A failed pod this queue did not pop (no in-flight record): the older rule of upstream, a move request received
 * since its scheduling cycle began sends it to backoff rather than the pool.
 */
export function strategyForUntracked(pInfo: QueuedPodInfo, movedDuringCycle: boolean): QueueingStrategy {
  const errored = pInfo.unschedulablePlugins.size === 0 && pInfo.pendingPlugins.size === 0;
  return errored || movedDuringCycle ? 'afterBackoff' : 'skip';
}

/** Whether any registered event of any profile matches (a wildcard event always does). */
export function isEventOfInterest(maps: readonly (QueueingHintMap | undefined)[], event: ClusterEvent): boolean {
  if (isWildCard(event)) return true;
  for (const m of maps) {
    if (!m) return true;
    for (const list of m.values()) if (list.some((r) => eventMatches(r.event, event))) return true;
  }
  return false;
}
