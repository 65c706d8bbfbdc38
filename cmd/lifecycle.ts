/** Process lifecycle helpers for `up`: stop signals, a LIFO of cleanups, bounded and interruptible waits. */
import type { Logger } from '../src/machinery/log/logger.js';

export interface StopSignals {
  signal: AbortSignal;
  /** Resolves at the first SIGINT/SIGTERM. */
  stopped: Promise<void>;
  reason(): string;
  dispose(): void;
}

/** The first SIGINT/SIGTERM asks for an orderly stop; a second one exits at once (130). */
export function onStopSignals(): StopSignals {
  const ac = new AbortController();
  let name = '';
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  const handler = (sig: NodeJS.Signals) => {
    if (ac.signal.aborted) {
      process.stderr.write(`\n${sig} again: exiting without cleanup\n`);
      process.exit(130);
    }
    name = sig;
    ac.abort(new Error(`stopped by ${sig}`));
    resolveStopped();
  };
  process.on('SIGINT', handler).on('SIGTERM', handler);
  return {
    signal: ac.signal,
    stopped,
    reason: () => name,
    dispose: () => void process.off('SIGINT', handler).off('SIGTERM', handler),
  };
}

export class CleanupStack {
  private readonly fns: Array<{ name: string; fn: () => Promise<void> }> = [];
  constructor(private readonly logger: Logger) {}

  push(name: string, fn: () => Promise<void>): void {
    this.fns.push({ name, fn });
  }

  /** Runs the cleanups newest first; one failing does not stop the others. */
  async unwind(): Promise<void> {
    for (let c = this.fns.pop(); c; c = this.fns.pop()) {
      try {
        await c.fn();
      } catch (err) {
        this.logger.error('Cleanup failed', { step: c.name, err });
      }
    }
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, message = `timed out after ${ms / 1000} s`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    timer.unref();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Rejects as soon as `signal` aborts, whether or not `p` settles. */
export function interruptible<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
