import assert from 'node:assert/strict';
import type { Store, WatchEvent } from '../interface.js';

/** A watch that records everything it receives and lets a test wait, with a deadline, for a condition. */
export class RecordingWatch {
  readonly events: WatchEvent[] = [];
  error: Error | undefined;
  private readonly ac = new AbortController();
  private waiters: Array<() => void> = [];

  constructor(store: Store, prefix: string, fromRevision?: string) {
    const opts = fromRevision === undefined ? { signal: this.ac.signal } : { fromRevision, signal: this.ac.signal };
    store.watch(prefix, opts, {
      onEvents: (evs) => {
        assert.equal(this.error, undefined, 'events after onError');
        this.events.push(...evs);
        this.wake();
      },
      onError: (err) => {
        assert.equal(this.error, undefined, 'onError called twice');
        this.error = err;
        this.wake();
      },
    });
  }

  get lastRevision(): string | undefined {
    return this.events.at(-1)?.value.revision;
  }

  stop(): void {
    this.ac.abort();
  }

  /** Resolves once `pred` holds (checked now and after every delivery); rejects after `timeoutMs`. */
  async until(pred: (w: RecordingWatch) => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (have ${this.events.length} events)`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}

/** Awaits `p`, which must reject with an instance of `cls`; returns the error. */
export async function rejectsWith<E extends Error>(p: Promise<unknown>, cls: new (...a: never[]) => E): Promise<E> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${cls.name}, but the call succeeded`);
}

export const rev = (s: string): number => Number(s);
export const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Asserts that revisions strictly increase (no duplicates, in order). */
export function assertStrictlyIncreasing(events: WatchEvent[]): void {
  for (let i = 1; i < events.length; i++) {
    const a = rev(events[i - 1]!.value.revision);
    const b = rev(events[i]!.value.revision);
    assert.ok(b > a, `event ${i} revision ${b} not after ${a}`);
  }
}

/** One write a test made, as the watch must report it; a delete's revision is not returned to the writer. */
export interface Expected {
  revision: string | undefined;
  type: WatchEvent['type'];
  key: string;
  value: string;
}

/**
 * Asserts the watch delivered exactly the writes of `writers` (each a sequential writer on its own prefix): in
 * strictly increasing revision order overall, each writer's events in its order with the values and revisions it
 * saw, and prev values for MODIFIED and DELETED. Equal totals then rule out gaps and duplicates.
 */
export function assertEventsMatch(events: WatchEvent[], writers: Array<{ prefix: string; expected: Expected[] }>): void {
  assertStrictlyIncreasing(events);
  assert.equal(events.length, writers.reduce((n, w) => n + w.expected.length, 0), 'event count');
  for (const w of writers) {
    const mine = events.filter((e) => e.key.startsWith(w.prefix));
    assert.equal(mine.length, w.expected.length, `event count for ${w.prefix}`);
    mine.forEach((e, i) => {
      const x = w.expected[i]!;
      assert.deepEqual([e.type, e.key, e.value.value], [x.type, x.key, x.value], `${w.prefix} #${i}`);
      if (x.revision !== undefined) assert.equal(e.value.revision, x.revision, `${w.prefix} #${i} revision`);
      if (e.type !== 'ADDED') assert.ok(e.prevValue, `${w.prefix} #${i} (${e.type}) lacks prevValue`);
      if (e.type === 'DELETED') assert.equal(e.prevValue?.value, e.value.value, 'DELETED carries the deleted value');
    });
  }
}

/**
 * Makes a deterministic stream of creates, updates and deletes over `keys` keys under `prefix`, recording what
 * a watcher must see. Independent writers must use disjoint prefixes.
 */
export class Writer {
  readonly expected: Expected[] = [];
  private readonly live = new Map<string, string>();
  private n = 0;

  constructor(
    /** Replaceable, so one writer's history can span a store restart. */
    public store: Store,
    readonly prefix: string,
    private readonly keys = 7,
  ) {}

  async step(): Promise<Expected> {
    const i = this.n++;
    const key = `${this.prefix}k${String(i % this.keys).padStart(3, '0')}`;
    const at = this.live.get(key);
    const value = `v${i}`;
    let e: Expected;
    if (at === undefined) {
      const s = await this.store.create(key, value);
      e = { revision: s.revision, type: 'ADDED', key, value };
      this.live.set(key, s.revision);
    } else if (i % 5 === 0) {
      const old = await this.store.delete(key, at);
      e = { revision: undefined, type: 'DELETED', key, value: old.value };
      this.live.delete(key);
    } else {
      const s = await this.store.update(key, value, at);
      e = { revision: s.revision, type: 'MODIFIED', key, value };
      this.live.set(key, s.revision);
    }
    this.expected.push(e);
    return e;
  }
}
