import type { WatchEvent, WatchHandler } from '../interface.js';

/**
 * Delivers one watcher's events to its handler: asynchronously (never inside the write that produced them, so a
 * handler may write to the store without re-entering itself), in the order pushed, batched per macrotask, and
 * never after an error, an abort or `end()`. A handler that throws ends the watch with that error.
 */
export class WatchSink {
  private queue: WatchEvent[] = [];
  private pendingError: Error | undefined;
  private scheduled = false;
  private finished = false;
  private drainWaiters: Array<() => void> = [];
  private readonly onAbort = (): void => this.end();

  constructor(
    private readonly handler: WatchHandler,
    private readonly signal: AbortSignal,
    private readonly onEnd: () => void,
  ) {
    if (signal.aborted) queueMicrotask(() => this.end());
    else signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** True once the watch ended (error, abort, close); producers should stop. */
  get closed(): boolean {
    return this.finished || this.pendingError !== undefined;
  }

  push(event: WatchEvent): void {
    if (this.closed) return;
    this.queue.push(event);
    this.schedule();
  }

  /** Ends the watch with `err` after the events already pushed are delivered. */
  fail(err: Error): void {
    if (this.closed) return;
    this.pendingError = err;
    this.schedule();
  }

  /** Ends the watch silently (abort, store close). */
  end(): void {
    if (this.finished) return;
    this.finished = true;
    this.queue = [];
    this.signal.removeEventListener('abort', this.onAbort);
    this.releaseDrainWaiters();
    this.onEnd();
  }

  /** Resolves when everything pushed so far was handed to the handler (or the watch ended): backpressure. */
  drained(): Promise<void> {
    if (this.queue.length === 0 || this.finished) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.finished) return;
    const batch = this.queue;
    this.queue = [];
    try {
      if (batch.length > 0) this.handler.onEvents(batch);
    } catch (err) {
      this.pendingError ??= err instanceof Error ? err : new Error(String(err));
    }
    this.releaseDrainWaiters();
    const err = this.pendingError;
    if (err === undefined || this.finished) return;
    this.end();
    this.handler.onError(err);
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }
}
