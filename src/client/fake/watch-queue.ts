/**
 * The fake's watch stream: an unbounded in-memory queue of events, registered with the tracker the moment
 * `watch()` is called (not when iteration starts), so a test may start a watch, then write, and see every event.
 * Iteration ends when the signal aborts, `stop()` is called, or the consumer leaves its loop.
 */
import type { WatchEvent } from '../interface.js';

export class WatchQueue<T> implements AsyncIterableIterator<WatchEvent<T>> {
  private readonly events: WatchEvent<T>[] = [];
  private waiting: ((r: IteratorResult<WatchEvent<T>>) => void) | undefined;
  private done = false;

  constructor(
    private readonly onStop: () => void,
    signal?: AbortSignal,
  ) {
    if (signal?.aborted) this.stop();
    else signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  get stopped(): boolean {
    return this.done;
  }

  push(ev: WatchEvent<T>): void {
    if (this.done) return;
    const w = this.waiting;
    this.waiting = undefined;
    if (w) w({ value: ev, done: false });
    else this.events.push(ev);
  }

  stop(): void {
    if (this.done) return;
    this.done = true;
    this.onStop();
    const w = this.waiting;
    this.waiting = undefined;
    w?.({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<WatchEvent<T>>> {
    const ev = this.events.shift();
    if (ev) return Promise.resolve({ value: ev, done: false });
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<WatchEvent<T>>> {
    this.stop();
    this.events.length = 0;
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
