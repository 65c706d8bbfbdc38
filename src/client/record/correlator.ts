/**
 * Event correlation as upstream's EventCorrelator, in three steps applied to every event before it is written:
 *  1. aggregation — when more than `maxSimilar` (10) events for one object, reason and type differ only by message
 *     within `similarIntervalMs` (10 min), they fold into one Event whose message is
 *     "(combined from similar events): <latest message>";
 *  2. observation — an event identical to one already written (same source, object, type, reason, message; kept in
 *     an LRU of 4096 keys) becomes a PATCH of that Event's count, lastTimestamp and message;
 *  3. spam filter — a token bucket per source and object (burst 25, one more every 5 minutes) drops the rest.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import type { CoreEvent } from './event.js';
import { eventName } from './event.js';
import { LruCache } from './lru.js';

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
export const DEFAULT_AGGREGATE_INTERVAL_MS = 600_000;
export const DEFAULT_SPAM_BURST = 25;
export const DEFAULT_SPAM_QPS = 1 / 300;

export interface CorrelatorOptions {
  lruSize?: number;
  maxSimilar?: number;
  similarIntervalMs?: number;
  spamBurst?: number;
  spamQps?: number;
}

export interface CorrelateResult {
  event: CoreEvent;
  /** A strategic merge patch for the existing Event, when this one repeats it. */
  patch?: { count: number; lastTimestamp: string; message: string };
  /** The key under which the written Event is remembered (pass it back to `updateState`). */
  key: string;
  skip: boolean;
}

interface Observation {
  count: number;
  firstTimestamp: string;
  name: string;
}

const sourceObjectKey = (e: CoreEvent): string => {
  const o = e.involvedObject;
  return [e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion].map((x) => x ?? '').join('\u0000');
};

/** Upstream's getEventKey: everything that makes two events the same. */
export const eventKey = (e: CoreEvent): string =>
  [sourceObjectKey(e), e.involvedObject.fieldPath ?? '', e.type ?? '', e.reason ?? '', e.message ?? ''].join('\u0000');

const aggregateKey = (e: CoreEvent): string =>
  [sourceObjectKey(e), e.type ?? '', e.reason ?? '', e.reportingComponent ?? '', e.reportingInstance ?? ''].join('\u0000');

export class EventCorrelator {
  private readonly similar: LruCache<{ messages: Set<string>; last: number }>;
  private readonly observed: LruCache<Observation>;
  private readonly buckets: LruCache<{ tokens: number; at: number }>;
  private readonly o: Required<CorrelatorOptions>;

  constructor(private readonly clock: Clock, opts: CorrelatorOptions = {}) {
    this.o = {
      lruSize: opts.lruSize ?? MAX_LRU_CACHE_ENTRIES,
      maxSimilar: opts.maxSimilar ?? DEFAULT_AGGREGATE_MAX_EVENTS,
      similarIntervalMs: opts.similarIntervalMs ?? DEFAULT_AGGREGATE_INTERVAL_MS,
      spamBurst: opts.spamBurst ?? DEFAULT_SPAM_BURST,
      spamQps: opts.spamQps ?? DEFAULT_SPAM_QPS,
    };
    this.similar = new LruCache(this.o.lruSize);
    this.observed = new LruCache(this.o.lruSize);
    this.buckets = new LruCache(this.o.lruSize);
  }

  /** `nanos` names an aggregate Event when one is started. */
  correlate(ev: CoreEvent, nanos: bigint): CorrelateResult {
    const { event, key } = this.aggregate(ev, nanos);
    const patch = this.observe(event, key);
    const skip = !this.allow(sourceObjectKey(event));
    return patch ? { event, key, patch, skip } : { event, key, skip };
  }

  /** Remembers what the server answered, so the next repeat patches the right Event. */
  updateState(key: string, written: CoreEvent): void {
    this.observed.set(key, {
      count: written.count ?? 1,
      firstTimestamp: written.firstTimestamp ?? '',
      name: written.metadata?.name ?? '',
    });
  }

  private aggregate(ev: CoreEvent, nanos: bigint): { event: CoreEvent; key: string } {
    const now = this.clock.now().getTime();
    const akey = aggregateKey(ev);
    let rec = this.similar.get(akey);
    if (!rec || now - rec.last > this.o.similarIntervalMs) rec = { messages: new Set(), last: now };
    rec.messages.add(ev.message ?? '');
    rec.last = now;
    this.similar.set(akey, rec);
    if (rec.messages.size < this.o.maxSimilar) return { event: ev, key: eventKey(ev) };
    // Keep the set from growing beyond the threshold.
    rec.messages.delete(rec.messages.values().next().value as string);
    const t = formatRFC3339(new Date(now));
    const combined: CoreEvent = {
      ...ev,
      metadata: { name: eventName(ev.involvedObject.name ?? '', nanos), namespace: ev.metadata?.namespace ?? 'default' },
      message: `(combined from similar events): ${ev.message ?? ''}`,
      count: 1,
      firstTimestamp: t,
      lastTimestamp: t,
    };
    return { event: combined, key: akey };
  }

  private observe(ev: CoreEvent, key: string): CorrelateResult['patch'] {
    const last = this.observed.get(key);
    let patch: CorrelateResult['patch'];
    if (last && last.count > 0) {
      ev.metadata = { ...ev.metadata, name: last.name };
      ev.firstTimestamp = last.firstTimestamp;
      ev.count = last.count + 1;
      patch = { count: ev.count, lastTimestamp: ev.lastTimestamp ?? '', message: ev.message ?? '' };
    }
    this.observed.set(key, { count: ev.count ?? 1, firstTimestamp: ev.firstTimestamp ?? '', name: ev.metadata?.name ?? '' });
    return patch;
  }

  /** A passive token bucket per source and object: full (burst) at first, refilled at spamQps. */
  private allow(key: string): boolean {
    const now = this.clock.now().getTime();
    const b = this.buckets.get(key) ?? { tokens: this.o.spamBurst, at: now };
    b.tokens = Math.min(this.o.spamBurst, b.tokens + ((now - b.at) / 1000) * this.o.spamQps);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    return ok;
  }
}
