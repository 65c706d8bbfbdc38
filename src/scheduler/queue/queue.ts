/**
 * The scheduling queue (upstream's PriorityQueue), see interface.ts for the contract. Where a pod lives:
 *
 *   add ──PreEnqueue──▶ activeQ ──pop──▶ in flight ──bound──▶ done
 *            │gated        ▲   ▲              │ addUnschedulableIfNotPresent
 *            ▼             │   └── backoffQ ◀─┤ (error, or an event came while in flight)
 *      unschedulable pool ─┘ (event + hint,   ▼
 *                             update, 5 min)  unschedulable pool (rejected by plugins)
 *
 * A pod is in at most one of activeQ, backoffQ, the pool and the in-flight set; all are keyed by pod uid. Every
 * method is synchronous and runs to completion (one event loop), so no state is shared across an await.
 */
import { realClock, type Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { ClusterEvent, QueuedPodInfo } from '../framework/interface.js';
import { ActionType } from '../framework/interface.js';
import { Status } from '../framework/status.js';
import { PodInfo, podKey, type P } from '../framework/types.js';
import { BackoffQueue } from './backoff.js';
import { EVENT_ASSIGNED_POD_ADD, EVENT_UNSCHEDULABLE_TIMEOUT, eventLabel } from './cluster-events.js';
import { Heap } from './heap.js';
import {
  isEventOfInterest,
  isPodWorthRequeuing,
  strategyAfterAttempt,
  strategyForUntracked,
  type QueueingHintMap,
  type QueueingStrategy,
} from './hints.js';
import { InFlight, type InFlightPod } from './in-flight.js';
import type { SchedulingQueue } from './interface.js';
import { Nominator } from './nominator.js';
import { every } from './periodic.js';
import * as opts from './options.js';
import { isPodUpdated, mayHelpCrossTopology, podSchedulingPropertiesChange } from './pod-events.js';
import { newQueuedPodInfo, podUid, queuedPodUid } from './queued-pod.js';
import { UnschedulablePool } from './unschedulable-pool.js';

/** Gated by this plugin, a pod only leaves the pool through an update of itself (upstream's hot-path skip). */
const SCHEDULING_GATES = 'SchedulingGates';

type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

export class PriorityQueue implements SchedulingQueue {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly activeQ: Heap<QueuedPodInfo>;
  private readonly backoffQ: BackoffQueue;
  private readonly pool = new UnschedulablePool();
  private readonly nominator = new Nominator();
  private readonly inFlight = new InFlight();
  private readonly waiters: ((p: QueuedPodInfo | undefined) => void)[] = [];
  private readonly timers: { cancel(): void }[] = [];
  private readonly hintMaps: readonly (QueueingHintMap | undefined)[];
  private cycle = 0;
  /** The scheduling cycle of the last move request (fallback for pods this queue did not pop). */
  private moveRequestCycle = -1;
  private closed = false;

  constructor(private readonly o: opts.PriorityQueueOptions) {
    this.clock = o.clock ?? realClock;
    this.logger = o.logger ?? nopLogger;
    this.activeQ = new Heap(queuedPodUid, o.less);
    this.backoffQ = new BackoffQueue(this.clock, o.podInitialBackoffMs, o.podMaxBackoffMs);
    const profiles = [...(o.profileQueueingHints?.values() ?? [])];
    this.hintMaps = o.queueingHints || profiles.length === 0 ? [o.queueingHints, ...profiles] : profiles;
    this.timers.push(
      every(this.clock, opts.BACKOFF_FLUSH_INTERVAL_MS, () => this.flushBackoffQCompleted()),
      every(this.clock, opts.UNSCHEDULABLE_FLUSH_INTERVAL_MS, () => this.flushUnschedulablePodsLeftover()),
    );
    if (o.signal?.aborted) this.close();
    else o.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  add(pod: P): void {
    const uid = podUid(pod);
    const queued = this.find(uid);
    if (queued) return this.update(queued.podInfo.pod, pod);
    const flying = this.inFlight.get(uid);
    if (flying) {
      // A re-add (relist) while it is being scheduled: the newest version is kept for the attempt's outcome.
      this.noteInFlightUpdate(flying, flying.latest ?? pod, pod);
      return;
    }
    const pInfo = newQueuedPodInfo(pod, this.now());
    if (this.moveToActiveQ(pInfo, true) === 'activeQ') this.wake();
    this.nominator.add(pInfo.podInfo);
  }

  update(oldPod: P, newPod: P): void {
    const uid = podUid(newPod);
    const flying = this.inFlight.get(uid);
    if (flying) {
      // Being scheduled: the update is replayed when the attempt fails (addUnschedulableIfNotPresent).
      this.noteInFlightUpdate(flying, oldPod, newPod);
      return this.nominator.update(oldPod, new PodInfo(newPod));
    }
    for (const q of [this.activeQ, this.backoffQ]) {
      const pInfo = q.get(uid);
      if (!pInfo) continue;
      pInfo.podInfo = new PodInfo(newPod);
      q.addOrUpdate(pInfo);
      return this.nominator.update(oldPod, pInfo.podInfo);
    }
    const parked = this.pool.get(uid);
    if (!parked) {
      // Unknown here (e.g. it became ours through a schedulerName change): a new pod.
      const pInfo = newQueuedPodInfo(newPod, this.now());
      if (this.moveToActiveQ(pInfo, true) === 'activeQ') this.wake();
      return this.nominator.add(pInfo.podInfo);
    }
    parked.podInfo = new PodInfo(newPod);
    this.nominator.update(oldPod, parked.podInfo);
    // Status-only updates (conditions, the scheduler's own writes) do not make a pod schedulable.
    if (!isPodUpdated(oldPod, newPod)) return;
    this.pool.delete(uid);
    const queue = this.backoffQ.isBackingOff(parked) ? this.moveToBackoffQ(parked) : this.moveToActiveQ(parked, true);
    this.logMove(parked, 'UnscheduledPodUpdate', queue);
    if (this.activates(queue)) this.wake();
  }

  delete(pod: P): void {
    const uid = podUid(pod);
    this.nominator.delete(pod);
    if (!this.activeQ.delete(uid) && !this.backoffQ.delete(uid)) this.pool.delete(uid);
    const flying = this.inFlight.get(uid);
    if (flying) flying.deleted = true;
  }

  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo, podSchedulingCycle: number): void {
    const uid = queuedPodUid(pInfo);
    const flying = this.inFlight.get(uid);
    if (flying?.latest) pInfo.podInfo = new PodInfo(flying.latest);
    const strategy = flying
      ? strategyAfterAttempt(this.hintsFor(pInfo), pInfo, this.inFlight.eventsSince(uid), flying.updated, this.logger)
      : strategyForUntracked(pInfo, this.moveRequestCycle >= podSchedulingCycle);
    this.inFlight.end(uid);
    if (flying?.deleted) return;
    if (this.find(uid)) {
      this.logger.debug('pod is already queued; ignoring the failed attempt', { pod: podKey(pInfo.podInfo.pod) });
      return;
    }
    pInfo.timestamp = this.now();
    const queue = this.requeue(pInfo, strategy);
    this.logMove(pInfo, 'ScheduleAttemptFailure', queue);
    if (this.activates(queue)) this.wake();
    this.nominator.refresh(pInfo.podInfo);
  }

  pop(): Promise<QueuedPodInfo | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    const p = this.tryPop();
    if (p) return Promise.resolve(p);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  schedulingCycle(): number {
    return this.cycle;
  }

  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    this.movePods(this.pool.list(), event, oldObj, newObj);
  }

  assignedPodAdded(pod: P): void {
    const ns = this.o.namespaceLabels?.(pod.metadata?.namespace ?? '');
    this.movePods(this.pool.list().filter((p) => mayHelpCrossTopology(p, pod, ns)), EVENT_ASSIGNED_POD_ADD, undefined, pod);
  }

  assignedPodUpdated(oldPod: P, newPod: P): void {
    const ns = this.o.namespaceLabels?.(newPod.metadata?.namespace ?? '');
    for (const event of podSchedulingPropertiesChange(newPod, oldPod)) {
      // Room freed by a shrinking pod may help any pod (NodeResourcesFit); other pod changes only help pods with
      // cross-topology terms.
      const all = (event.actionType & ActionType.UpdatePodScaleDown) !== 0;
      const candidates = this.pool.list().filter((p) => all || mayHelpCrossTopology(p, newPod, ns));
      this.movePods(candidates, event, oldPod, newPod);
    }
  }

  done(uid: string): void {
    this.inFlight.end(uid);
  }

  addNominatedPod(pi: PodInfo, nodeName: string): void {
    this.nominator.add(pi, nodeName);
  }

  deleteNominatedPodIfExists(pod: P): void {
    this.nominator.delete(pod);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominator.podsForNode(nodeName);
  }

  counts(): { active: number; backoff: number; unschedulable: number; gated: number } {
    return { active: this.activeQ.size, backoff: this.backoffQ.size, ...this.pool.counts() };
  }

  pendingPods(): P[] {
    return [...this.activeQ.list(), ...this.backoffQ.list(), ...this.pool.list()].map((p) => p.podInfo.pod);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) t.cancel();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** Moves pods of the pool that the event may help (per their rejecting plugins' hints). */
  private movePods(pods: QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (!isEventOfInterest(this.hintMaps, event)) return;
    let activated = false;
    for (const pInfo of pods) {
      // Only an update of the pod itself removes a scheduling gate; skipping them keeps big pools cheap.
      if (pInfo.gated && pInfo.unschedulablePlugins.has(SCHEDULING_GATES)) continue;
      const strategy = isPodWorthRequeuing(this.hintsFor(pInfo), pInfo, event, oldObj, newObj, this.logger);
      if (strategy === 'skip') continue;
      this.pool.delete(queuedPodUid(pInfo));
      const queue = this.requeue(pInfo, strategy);
      this.logMove(pInfo, eventLabel(event), queue);
      activated ||= this.activates(queue);
    }
    this.moveRequestCycle = this.cycle;
    this.inFlight.record(event, oldObj, newObj);
    if (activated) this.wake();
  }

  private requeue(pInfo: QueuedPodInfo, strategy: QueueingStrategy): QueueName {
    if (strategy === 'skip') {
      this.pool.addOrUpdate(pInfo);
      return 'unschedulablePods';
    }
    if (strategy === 'afterBackoff' && this.backoffQ.isBackingOff(pInfo)) return this.moveToBackoffQ(pInfo);
    return this.moveToActiveQ(pInfo, true);
  }

  /** Runs PreEnqueue (unless the pod passed it on its way into backoffQ); a gated pod goes to the pool. */
  private moveToActiveQ(pInfo: QueuedPodInfo, preEnqueue: boolean): QueueName {
    const uid = queuedPodUid(pInfo);
    if (preEnqueue) pInfo.gated = !this.runPreEnqueue(pInfo);
    if (pInfo.gated) {
      if (!this.activeQ.has(uid) && !this.backoffQ.has(uid)) this.pool.addOrUpdate(pInfo);
      return 'unschedulablePods';
    }
    pInfo.initialAttemptTimestamp ??= this.now();
    this.pool.delete(uid);
    this.backoffQ.delete(uid);
    this.activeQ.addOrUpdate(pInfo);
    return 'activeQ';
  }

  private moveToBackoffQ(pInfo: QueuedPodInfo): QueueName {
    pInfo.gated = !this.runPreEnqueue(pInfo);
    if (pInfo.gated) {
      this.pool.addOrUpdate(pInfo);
      return 'unschedulablePods';
    }
    this.pool.delete(queuedPodUid(pInfo));
    this.backoffQ.addOrUpdate(pInfo);
    return 'backoffQ';
  }

  private runPreEnqueue(pInfo: QueuedPodInfo): boolean {
    if (!this.o.preEnqueue) return true;
    let s: Status;
    try {
      s = this.o.preEnqueue(pInfo.podInfo.pod);
    } catch (err) {
      s = Status.error(err);
    }
    if (s.isSuccess()) return true;
    pInfo.unschedulablePlugins.add(s.plugin || 'PreEnqueue');
    this.logger.debug('pod gated by PreEnqueue', { pod: podKey(pInfo.podInfo.pod), status: s.toString() });
    return false;
  }

  private tryPop(): QueuedPodInfo | undefined {
    const p = this.activeQ.pop() ?? (this.o.popFromBackoffQ ? this.backoffQ.popEarly() : undefined);
    if (!p) return undefined;
    p.attempts++;
    p.initialAttemptTimestamp ??= this.now();
    this.cycle++;
    this.inFlight.begin(queuedPodUid(p));
    // The next attempt records its own rejecting plugins.
    p.unschedulablePlugins.clear();
    p.pendingPlugins.clear();
    return p;
  }

  /** Hands available pods to waiting pop() calls, in the order they called. */
  private wake(): void {
    while (this.waiters.length > 0) {
      const p = this.tryPop();
      if (!p) return;
      this.waiters.shift()!(p);
    }
  }

  private flushBackoffQCompleted(): void {
    let activated = false;
    for (const p of this.backoffQ.popCompleted()) activated = this.moveToActiveQ(p, false) === 'activeQ' || activated;
    if (activated) this.wake();
  }

  private flushUnschedulablePodsLeftover(): void {
    const max = this.o.podMaxInUnschedulablePodsDurationMs ?? opts.DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
    const stale = this.pool.olderThan(this.now(), max);
    if (stale.length > 0) this.movePods(stale, EVENT_UNSCHEDULABLE_TIMEOUT, undefined, undefined);
  }

  private noteInFlightUpdate(flying: InFlightPod, oldPod: P, newPod: P): void {
    flying.latest = newPod;
    if (isPodUpdated(oldPod, newPod)) flying.updated = true;
  }

  private hintsFor(pInfo: QueuedPodInfo): QueueingHintMap | undefined {
    const profile = pInfo.podInfo.pod.spec?.schedulerName || 'default-scheduler';
    return this.o.profileQueueingHints?.get(profile) ?? this.o.queueingHints;
  }

  private find(uid: string): QueuedPodInfo | undefined {
    return this.activeQ.get(uid) ?? this.backoffQ.get(uid) ?? this.pool.get(uid);
  }

  private activates(queue: QueueName): boolean {
    return queue === 'activeQ' || (queue === 'backoffQ' && !!this.o.popFromBackoffQ);
  }

  private logMove(pInfo: QueuedPodInfo, event: string, queue: QueueName): void {
    if (this.logger.enabled('debug')) this.logger.debug('Pod moved to an internal scheduling queue', { pod: podKey(pInfo.podInfo.pod), event, queue });
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}
