/**
 * Pods being scheduled (popped, not yet back through addUnschedulableIfNotPresent or done) and the cluster events
 * that arrived meanwhile (upstream's inFlightPods / inFlightEvents). When an attempt fails, the events received
 * since the pod was popped are replayed against its rejecting plugins: a node added while the pod was being
 * filtered must still move it, although it was in no queue when the event came.
 *
 * One log serves every in-flight pod: each pod remembers the sequence number of its pop, events are appended with
 * increasing numbers, and the log is trimmed up to the oldest pod still in flight.
 */
import type { ClusterEvent } from '../framework/interface.js';
import type { P } from '../framework/types.js';

export interface InFlightEvent {
  seq: number;
  event: ClusterEvent;
  oldObj: unknown;
  newObj: unknown;
}

export interface InFlightPod {
  seq: number;
  /** The newest version of the pod seen by update() while in flight. */
  latest?: P;
  /** update() saw a change that may make the pod schedulable (isPodUpdated). */
  updated: boolean;
  /** delete() was called while in flight: the attempt's result must not requeue it. */
  deleted: boolean;
}

export class InFlight {
  /** In pop order (Map iteration is insertion order): the first entry is the oldest pod in flight. */
  private readonly pods = new Map<string, InFlightPod>();
  private events: InFlightEvent[] = [];
  /** Index of the first live entry of `events` (trimmed entries are dropped in batches). */
  private head = 0;
  private seq = 0;

  get size(): number {
    return this.pods.size;
  }

  /** Number of events kept (for tests: the log must not grow without pods in flight). */
  get eventCount(): number {
    return this.events.length - this.head;
  }

  begin(uid: string): void {
    this.pods.delete(uid);
    this.pods.set(uid, { seq: ++this.seq, updated: false, deleted: false });
  }

  get(uid: string): InFlightPod | undefined {
    return this.pods.get(uid);
  }

  /** Records an event when any pod is in flight; true when recorded. */
  record(event: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    if (this.pods.size === 0) return false;
    this.events.push({ seq: ++this.seq, event, oldObj, newObj });
    return true;
  }

  /** Events received since the pod was popped, oldest first. */
  eventsSince(uid: string): InFlightEvent[] {
    const pod = this.pods.get(uid);
    if (!pod) return [];
    let lo = this.head;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.events[mid]!.seq < pod.seq) lo = mid + 1;
      else hi = mid;
    }
    return this.events.slice(lo);
  }

  /** The attempt is over: forgets the pod and the events no pod in flight can need any more. */
  end(uid: string): InFlightPod | undefined {
    const pod = this.pods.get(uid);
    if (!pod) return undefined;
    this.pods.delete(uid);
    this.trim();
    return pod;
  }

  private trim(): void {
    const oldest = this.pods.values().next().value as InFlightPod | undefined;
    if (!oldest) {
      this.events = [];
      this.head = 0;
      return;
    }
    while (this.head < this.events.length && this.events[this.head]!.seq < oldest.seq) this.head++;
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
  }
}
