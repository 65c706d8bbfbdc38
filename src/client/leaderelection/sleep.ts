import type { Clock } from '../../machinery/clock/clock.js';

/** Resolves after `ms` on the clock, or as soon as `signal` aborts (never rejects). */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = (): void => {
      timer.cancel();
      resolve();
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts `ms` after now on the clock (or with `parent`); `cancel` drops the timer. */
export function deadlineSignal(clock: Clock, ms: number, parent: AbortSignal): { signal: AbortSignal; cancel(): void } {
  const ac = new AbortController();
  const onAbort = (): void => ac.abort();
  const timer = clock.setTimeout(onAbort, ms);
  parent.addEventListener('abort', onAbort, { once: true });
  if (parent.aborted) ac.abort();
  return {
    signal: ac.signal,
    cancel: () => {
      timer.cancel();
      parent.removeEventListener('abort', onAbort);
    },
  };
}

/** The attempt's result, or `fallback` if `signal` aborts first (the attempt keeps running, its result dropped). */
export function raceSignal<T>(attempt: Promise<T>, signal: AbortSignal, fallback: T): Promise<T> {
  if (signal.aborted) return Promise.resolve(fallback);
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(fallback);
    signal.addEventListener('abort', onAbort, { once: true });
    attempt.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve(fallback);
      },
    );
  });
}
