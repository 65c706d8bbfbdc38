/**
 * The shared skeleton of the bench's child processes: answers `stats` (CPU and memory of this process, peaks
 * sampled every 250 ms since the last `mark`), runs the component on `start`, stops it on `stop` (or when the
 * parent goes away) and exits.
 */
import { setMaxListeners } from 'node:events';
import type { ChildMessage, ParentMessage, ProcStats } from './protocol.js';

export interface Component {
  /** Extra counters for the stats answer (may be read asynchronously, e.g. from a prom-client Registry). */
  extra?(): Record<string, number> | Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export type StartFn = (msg: Extract<ParentMessage, { type: 'start' }>, signal: AbortSignal, send: (m: ChildMessage) => void) => Promise<{ component: Component; ready: Extract<ChildMessage, { type: 'ready' }> }>;

export function runChild(name: string, start: StartFn): void {
  if (!process.send) throw new Error(`${name}: run me through a benchmark's orchestrator (bench/controllers.ts, bench/scheduler.ts): I need an IPC channel`);
  const send = (m: ChildMessage): void => void process.send?.(m);
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  let component: Component | undefined;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 250);
  sampler.unref();

  const stats = async (): Promise<ProcStats> => {
    // The counters first: the CPU and memory figures are then taken together, after any await. A failed read
    // leaves them out (the parent waits for an answer).
    let extra: Record<string, number> | undefined;
    try {
      extra = await component?.extra?.();
    } catch {
      extra = undefined;
    }
    sample();
    const cpu = process.cpuUsage();
    const m = process.memoryUsage();
    const elu = performance.eventLoopUtilization();
    return {
      pid: process.pid,
      cpuUserS: cpu.user / 1e6,
      cpuSystemS: cpu.system / 1e6,
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      loopActiveMs: elu.active,
      loopIdleMs: elu.idle,
      peakRss,
      peakHeapUsed: peakHeap,
      ...(extra ? { extra } : {}),
    };
  };

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    ac.abort();
    try {
      await component?.stop();
    } catch (err) {
      send({ type: 'error', message: `${name}: stop: ${String(err)}` });
    }
    send({ type: 'stopped' });
    clearInterval(sampler);
    // Let the IPC message out, then leave (process.exit also writes a --cpu-prof profile).
    setTimeout(() => process.exit(0), 50);
  };

  process.on('message', (m: ParentMessage) => {
    switch (m.type) {
      case 'start':
        start(m, ac.signal, send).then(
          (r) => {
            component = r.component;
            send(r.ready);
          },
          (err: unknown) => {
            send({ type: 'error', message: `${name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
            void stop();
          },
        );
        break;
      case 'mark':
        peakRss = 0;
        peakHeap = 0;
        sample();
        break;
      case 'stats':
        void stats().then((s) => send({ type: 'stats', id: m.id, stats: s }));
        break;
      case 'stop':
        void stop();
        break;
    }
  });
  // The parent died (or closed the channel): do not linger.
  process.on('disconnect', () => void stop());
}
