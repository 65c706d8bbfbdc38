/**
 * The scheduling queue (upstream's SchedulingQueue): activeQ ordered by the profile's QueueSort (priority, then
 * time), backoffQ (per-pod backoff podInitialBackoff · 2^(attempts-1), capped at podMaxBackoff: 1 s → 10 s by
 * default), and the unschedulable pool, which pods leave when a cluster event that a rejecting plugin registered
 * for arrives (and its queueing hint says Queue), or after podMaxInUnschedulablePodsDuration (5 min). PreEnqueue
 * plugins (SchedulingGates) keep gated pods in the pool until an update lets them in. It also keeps nominated pods
 * per node (PodNominator).
 */
import type { ClusterEvent, PodNominator, QueuedPodInfo } from '../framework/interface.js';
import type { P, PodInfo } from '../framework/types.js';

export interface SchedulingQueue extends PodNominator {
  /** A new unscheduled pod (from the informer). */
  add(pod: P): void;
  /** The pod changed: updates it wherever it is; an update that may make it schedulable moves it to activeQ/backoffQ. */
  update(oldPod: P, newPod: P): void;
  delete(pod: P): void;
  /**
   * A failed attempt: back to backoffQ when a move request arrived during the attempt (schedulingCycle older than
   * the last move), else to the unschedulable pool (rejected by plugins) or backoffQ (errors).
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo, podSchedulingCycle: number): void;
  /** The next pod of activeQ, waiting for one; undefined once closed. Increments the scheduling cycle. */
  pop(): Promise<QueuedPodInfo | undefined>;
  schedulingCycle(): number;
  /** A cluster event: moves the unschedulable pods it may help (per the plugins' registered events and hints). */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown): void;
  /** An assigned pod was added: pods with affinity terms matching it may now fit. */
  assignedPodAdded(pod: P): void;
  assignedPodUpdated(oldPod: P, newPod: P): void;
  /** The pod was bound by this scheduler (it leaves the in-flight set). */
  done(uid: string): void;
  /** Nominated node bookkeeping (preemption). */
  addNominatedPod(pi: PodInfo, nodeName: string): void;
  deleteNominatedPodIfExists(pod: P): void;
  /** Counts for metrics: active, backoff, unschedulable, gated. */
  counts(): { active: number; backoff: number; unschedulable: number; gated: number };
  /** Pending pods for debugging (`k8ts explain-schedule`). */
  pendingPods(): P[];
  close(): void;
}
