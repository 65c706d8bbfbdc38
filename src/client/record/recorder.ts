/**
 * The event recorder components use (upstream's EventBroadcaster + recorder + sink in one): `event()` only queues
 * and never throws; one writer drains the queue in order, correlating each event (see correlator.ts) and writing
 * it as a POST, or a PATCH of the Event it repeats (re-created when that Event has expired). Beyond 1000 pending
 * events new ones are dropped and counted. Transport errors are retried (12 tries, 10 s apart, as upstream); an API
 * rejection is logged and the event dropped.
 */
import { catalogEntry } from '../../api/catalog.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isNotFoundStatus, isStatusError } from '../../machinery/errors/status.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import type { Client, ResourceRef } from '../interface.js';
import { sleep } from '../leaderelection/sleep.js';
import { EventCorrelator, type CorrelateResult, type CorrelatorOptions } from './correlator.js';
import { makeEvent, referenceOf, type CoreEvent, type EventSource } from './event.js';
import type { EventRecorder, EventType } from './interface.js';

export const EVENTS: ResourceRef = catalogEntry('', 'events')!;
export const MAX_QUEUED_EVENTS = 1000;
export const MAX_TRIES_PER_EVENT = 12;
export const RETRY_SLEEP_MS = 10_000;

export interface EventRecorderOptions extends CorrelatorOptions {
  client: Client;
  clock: Clock;
  component: string;
  host?: string;
  logger?: Logger;
  maxQueued?: number;
}

export interface SinkEventRecorder extends EventRecorder {
  /** Events dropped because the queue was full. */
  readonly dropped: number;
  /** Resolves once every queued event has been handled. */
  flush(): Promise<void>;
  /** Stops accepting events and abandons retries; queued events are dropped. */
  shutdown(): void;
}

export function createEventRecorder(opts: EventRecorderOptions): SinkEventRecorder {
  return new Recorder(opts);
}

class Recorder implements SinkEventRecorder {
  dropped = 0;
  private readonly queue: CoreEvent[] = [];
  private draining: Promise<void> | undefined;
  private readonly stop = new AbortController();
  private readonly correlator: EventCorrelator;
  private readonly source: EventSource;
  private readonly log: Logger;
  private lastMs = 0;
  private seq = 0n;

  constructor(private readonly o: EventRecorderOptions) {
    this.correlator = new EventCorrelator(o.clock, o);
    this.source = o.host ? { component: o.component, host: o.host } : { component: o.component };
    this.log = (o.logger ?? nopLogger).child({ component: o.component, subsystem: 'events' });
  }

  event(obj: Parameters<EventRecorder['event']>[0], type: EventType, reason: string, message: string): void {
    if (this.stop.signal.aborted) return;
    if (type !== 'Normal' && type !== 'Warning') {
      this.log.error(`Unsupported event type: '${String(type)}'`, { reason, message });
      return;
    }
    const ref = referenceOf(obj);
    if (!ref) {
      this.log.error('Could not construct reference, will not report event', { object: obj.metadata?.name, reason });
      return;
    }
    if (this.queue.length >= (this.o.maxQueued ?? MAX_QUEUED_EVENTS)) {
      this.dropped++;
      return;
    }
    const now = this.o.clock.now();
    this.queue.push(makeEvent({ ref, type, reason, message, source: this.source, now, nanos: this.nanos(now) }));
    // Start writing on a later turn: the caller's stack never runs client code.
    this.draining ??= Promise.resolve().then(() => this.drain());
  }

  flush(): Promise<void> {
    return this.draining ?? Promise.resolve();
  }

  shutdown(): void {
    this.stop.abort();
    this.queue.length = 0;
  }

  /** Unix nanoseconds, made unique within one millisecond so that two events never share a name. */
  private nanos(now: Date): bigint {
    const ms = now.getTime();
    this.seq = ms === this.lastMs ? this.seq + 1n : 0n;
    this.lastMs = ms;
    return BigInt(ms) * 1_000_000n + (this.seq % 1_000_000n);
  }

  private async drain(): Promise<void> {
    try {
      for (let ev = this.queue.shift(); ev && !this.stop.signal.aborted; ev = this.queue.shift()) {
        const result = this.correlator.correlate(ev, this.nanos(this.o.clock.now()));
        if (!result.skip) await this.recordToSink(result);
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async recordToSink(r: CorrelateResult): Promise<void> {
    for (let tries = 1; !this.stop.signal.aborted; tries++) {
      if (await this.write(r)) return;
      if (tries >= MAX_TRIES_PER_EVENT) {
        this.log.error('Unable to write event (retry limit exceeded!)', { event: r.event.metadata?.name });
        return;
      }
      await sleep(this.o.clock, RETRY_SLEEP_MS, this.stop.signal);
    }
  }

  /** True when done with the event (written or rejected for good), false to retry. */
  private async write(r: CorrelateResult): Promise<boolean> {
    const ns = r.event.metadata?.namespace ?? 'default';
    try {
      let written: CoreEvent | undefined;
      if (r.patch) written = await this.patchOrUndefined(ns, r);
      written ??= await this.o.client.create<CoreEvent>(EVENTS, ns, { ...r.event, metadata: { ...r.event.metadata, resourceVersion: undefined } });
      this.correlator.updateState(r.key, written);
      return true;
    } catch (err) {
      if (isStatusError(err)) {
        this.log.error('Server rejected event (will not retry!)', { event: r.event.metadata?.name, err: err.message });
        return true;
      }
      this.log.error('Unable to write event (may retry after sleeping)', { event: r.event.metadata?.name, err: String(err) });
      return false;
    }
  }

  /** The patched Event, or undefined when it no longer exists (expired by TTL) and must be created again. */
  private async patchOrUndefined(ns: string, r: CorrelateResult): Promise<CoreEvent | undefined> {
    try {
      return await this.o.client.patch<CoreEvent>(EVENTS, ns, r.event.metadata?.name ?? '', 'strategic', r.patch);
    } catch (err) {
      if (isNotFoundStatus(err)) return undefined;
      throw err;
    }
  }
}
