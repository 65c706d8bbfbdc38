/** A repeating timer on a Clock (FakeClock in tests): runs fn every `ms` until cancelled. */
import type { Clock } from '../../machinery/clock/clock.js';

export function every(clock: Clock, ms: number, fn: () => void): { cancel(): void } {
  let cancelled = false;
  let timer: { cancel(): void } | undefined;
  const arm = (): void => {
    timer = clock.setTimeout(() => {
      if (cancelled) return;
      fn();
      if (!cancelled) arm();
    }, ms);
  };
  arm();
  return {
    cancel: () => {
      cancelled = true;
      timer?.cancel();
    },
  };
}
