/**
 * Timer loops on the injected Clock: `fn` runs, then the next run is scheduled `periodMs` after it finished (never
 * two runs at once, as wait.Until). `retry` backs off on errors: `initialMs` doubling to `maxMs`.
 */
import type { Clock } from '../machinery/clock/clock.js';

export function runEvery(clock: Clock, periodMs: number, signal: AbortSignal, fn: () => Promise<void>): void {
  let timer: { cancel(): void } | undefined;
  const run = async () => {
    if (signal.aborted) return;
    try {
      await fn();
    } finally {
      if (!signal.aborted) timer = clock.setTimeout(() => void run(), periodMs);
    }
  };
  signal.addEventListener('abort', () => timer?.cancel(), { once: true });
  timer = clock.setTimeout(() => void run(), periodMs);
}

/** Calls `fn` until it resolves, backing off between failures; undefined if the signal aborted first. */
export async function retry<T>(
  clock: Clock,
  signal: AbortSignal,
  fn: () => Promise<T>,
  onError: (e: unknown) => void,
  initialMs = 100,
  maxMs = 7000,
): Promise<T | undefined> {
  for (let delay = initialMs; !signal.aborted; delay = Math.min(delay * 2, maxMs)) {
    try {
      return await fn();
    } catch (e) {
      onError(e);
      await sleep(clock, delay, signal);
    }
  }
  return undefined;
}

export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = clock.setTimeout(done, ms);
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      t.cancel();
      resolve();
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
