/**
 * A controller's whole test world in one object: a FakeClient (recording actions) on a FakeClock, a
 * FakeInformerFactory over it whose caches the test catches up explicitly (`syncCaches`), an event recorder that
 * keeps what was recorded, and the ControllerContext made of them. Writes by "someone else" (`seed`, `mutate`)
 * go to the tracker without a recorded action.
 */
import type { KubeObject, ResourceRef } from '../interface.js';
import { keyOf } from '../informer/interface.js';
import { NOP_RECORDER, type EventRecorder, type EventType } from '../record/interface.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { Action } from './actions.js';
import { FakeClient, refForObject } from './client.js';
import { FakeInformerFactory } from './informers.js';

/** The parts of a ControllerContext tests rarely care about. */
export const testContext = (): { recorder: EventRecorder; logger: Logger } => ({ recorder: NOP_RECORDER, logger: nopLogger });

export interface RecordedEvent {
  object: string;
  type: EventType;
  reason: string;
  message: string;
}

/** A controller context (framework's ControllerContext, structurally) over the fakes. */
export interface FakeControllerContext {
  client: FakeClient;
  informers: FakeInformerFactory;
  clock: FakeClock;
  recorder: EventRecorder;
  logger: Logger;
}

export class FakeCluster {
  readonly clock: FakeClock;
  readonly client: FakeClient;
  readonly factory: FakeInformerFactory;
  readonly events: RecordedEvent[] = [];

  constructor(start = new Date('2026-01-01T00:00:00Z')) {
    this.clock = new FakeClock(start);
    this.client = new FakeClient({ now: () => this.clock.now() });
    this.factory = new FakeInformerFactory(this.client);
  }

  readonly recorder: EventRecorder = {
    event: (obj, type, reason, message) => this.events.push({ object: keyOf(obj), type, reason, message }),
  };

  ctx(): FakeControllerContext {
    return { client: this.client, informers: this.factory, clock: this.clock, recorder: this.recorder, logger: nopLogger };
  }

  /** Stores objects as if created by someone else (no recorded action) and updates the caches. */
  seed(...objs: KubeObject[]): void {
    for (const o of objs) this.client.tracker.create(refForObject(o), o.metadata?.namespace ?? '', structuredClone(o));
    this.syncCaches();
  }

  /** Changes a stored object outside the controller (a kubelet, a user) and updates the caches. */
  mutate(r: ResourceRef, namespace: string, name: string, fn: (o: KubeObject) => void, subresource?: string): void {
    const cur = structuredClone(this.client.tracker.get(r, namespace, name));
    fn(cur);
    this.client.tracker.update(r, namespace, cur, subresource);
    this.syncCaches();
  }

  stored<T extends KubeObject>(r: ResourceRef, namespace: string): T[] {
    return this.client.tracker.list(r, namespace) as T[];
  }

  /** Catches every informer's cache up with the tracker, calling the handlers for each difference. */
  syncCaches(): void {
    this.factory.mirror(this.client);
  }

  /** The recorded writes (no reads), as `verb resource[/subresource] name`. */
  writes(): string[] {
    return this.client.actions.filter(isWrite).map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name ?? ''}`.trim());
  }
}

const isWrite = (a: Action): boolean => a.verb !== 'get' && a.verb !== 'list' && a.verb !== 'watch';
