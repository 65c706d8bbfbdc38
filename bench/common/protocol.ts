/**
 * What a benchmark's orchestrator (bench/controllers.ts, bench/scheduler.ts) and its child processes (API server,
 * controller manager, hollow nodes, scheduler) say to each other over IPC.
 */
import type { RestConfig } from '../../src/client/rest/rest-config.js';

/** Parent → child. */
export type ParentMessage =
  /** Start the component (the API server child ignores `rest`). */
  | { type: 'start'; rest?: RestConfig; nodes?: number; controllers?: string[]; trace?: boolean }
  /** Reset the peak memory counters (the measured run starts now). */
  | { type: 'mark' }
  | { type: 'stats'; id: number }
  | { type: 'stop' };

/** Resource usage of one process: CPU in seconds since the process started, memory in bytes. */
export interface ProcStats {
  pid: number;
  cpuUserS: number;
  cpuSystemS: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  /** Event loop: ms active (running JS or blocked in a synchronous call, e.g. SQLite's fsync) and ms idle since the process started. */
  loopActiveMs: number;
  loopIdleMs: number;
  /** Peaks since the last `mark` (sampled every 250 ms). */
  peakRss: number;
  peakHeapUsed: number;
  /** Component counters (the scheduler's attempts by result, …). */
  extra?: Record<string, number>;
}

/** Child → parent. */
export type ChildMessage =
  /** The component runs; the API server child says where it listens and with which credentials. */
  | { type: 'ready'; rest?: RestConfig; describe?: string }
  | { type: 'stats'; id: number; stats: ProcStats }
  | { type: 'progress'; message: string }
  | { type: 'error'; message: string }
  | { type: 'stopped' };
