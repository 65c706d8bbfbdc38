/**
 * Node pressure (upstream's eviction manager signals → the MemoryPressure, DiskPressure and PIDPressure conditions):
 * - memory.available = MemAvailable of /proc/meminfo (upstream subtracts the root cgroup's working set from
 *   capacity; MemAvailable is the kernel's own estimate of the same thing and needs no cgroup walk);
 * - nodefs/imagefs available bytes and free inodes = statfs of the kubelet root / the image filesystem;
 * - pid.available = pid_max − the tasks the kernel schedules (/proc/loadavg's total).
 * A signal below its hard threshold (thresholds.ts) is pressure. As upstream's evictionPressureTransitionPeriod
 * (5 min), a condition stays true until that long has passed since pressure was last observed, so it does not
 * flap around the threshold. No eviction happens here: this only reports.
 */
import { readFileSync, statfsSync } from 'node:fs';
import type { Clock } from '../../machinery/clock/clock.js';
import { parseMeminfo } from './meminfo.js';
import { thresholdAmount, type EvictionHard, type EvictionSignal } from './thresholds.js';

export interface FsStats {
  availableBytes: number;
  capacityBytes: number;
  inodesFree: number;
  inodes: number;
}

export interface NodeSignals {
  memory?: { availableBytes: number; capacityBytes: number };
  nodefs?: FsStats;
  imagefs?: FsStats;
  pid?: { available: number; max: number };
}

export interface NodePressure {
  memory: boolean;
  disk: boolean;
  pid: boolean;
}

export const NO_PRESSURE: Readonly<NodePressure> = Object.freeze({ memory: false, disk: false, pid: false });

/** True when the observed `available` of `capacity` is below the signal's threshold. */
function below(hard: EvictionHard, signal: EvictionSignal, available: number, capacity: number): boolean {
  const t = thresholdAmount(hard, signal, capacity);
  return t !== undefined && available < t;
}

function fsPressure(hard: EvictionHard, prefix: 'nodefs' | 'imagefs', fs: FsStats | undefined): boolean {
  if (!fs) return false;
  return below(hard, `${prefix}.available`, fs.availableBytes, fs.capacityBytes) || below(hard, `${prefix}.inodesFree`, fs.inodesFree, fs.inodes);
}

/** The instantaneous pressure of one observation (no transition period). */
export function pressureOf(s: NodeSignals, hard: EvictionHard): NodePressure {
  return {
    memory: !!s.memory && below(hard, 'memory.available', s.memory.availableBytes, s.memory.capacityBytes),
    disk: fsPressure(hard, 'nodefs', s.nodefs) || fsPressure(hard, 'imagefs', s.imagefs),
    pid: !!s.pid && below(hard, 'pid.available', s.pid.available, s.pid.max),
  };
}

export function statFs(dir: string): FsStats {
  const s = statfsSync(dir);
  return { availableBytes: s.bavail * s.bsize, capacityBytes: s.blocks * s.bsize, inodesFree: s.ffree, inodes: s.files };
}

export interface HostSignalOptions {
  rootDir: string;
  /** The image filesystem's directory (containerd's root); absent = no imagefs signals. */
  imageFsDir?: string;
  procDir?: string;
}

/** One observation of the host (a few small /proc reads and statfs calls). */
export function observeHostSignals(o: HostSignalOptions): NodeSignals {
  const proc = o.procDir ?? '/proc';
  const mem = parseMeminfo(readFileSync(`${proc}/meminfo`, 'utf8'));
  const pidMax = Number(readFileSync(`${proc}/sys/kernel/pid_max`, 'utf8').trim());
  const tasks = Number(/\d+\/(\d+)/.exec(readFileSync(`${proc}/loadavg`, 'utf8'))?.[1] ?? 0);
  return {
    memory: { availableBytes: mem['MemAvailable'] ?? 0, capacityBytes: mem['MemTotal'] ?? 0 },
    nodefs: statFs(o.rootDir),
    ...(o.imageFsDir ? { imagefs: statFs(o.imageFsDir) } : {}),
    pid: { available: pidMax - tasks, max: pidMax },
  };
}

export interface PressureMonitorOptions {
  clock: Clock;
  observe: () => NodeSignals | Promise<NodeSignals>;
  evictionHard: EvictionHard;
  /** upstream --eviction-pressure-transition-period; default 5 min. */
  transitionMs?: number;
}

/** The updater's pressure probe: `probe()` once per status period. */
export class PressureMonitor {
  private readonly lastSeen: Record<keyof NodePressure, number> = { memory: -Infinity, disk: -Infinity, pid: -Infinity };

  constructor(private readonly o: PressureMonitorOptions) {}

  async probe(): Promise<NodePressure> {
    const now = this.o.clock.now().getTime();
    const seen = pressureOf(await this.o.observe(), this.o.evictionHard);
    const hold = this.o.transitionMs ?? 5 * 60_000;
    const out = { ...NO_PRESSURE };
    for (const k of Object.keys(this.lastSeen) as (keyof NodePressure)[]) {
      if (seen[k]) this.lastSeen[k] = now;
      out[k] = now - this.lastSeen[k] < hold;
    }
    return out;
  }
}

/** A real node's probe for NodeStatusUpdaterOptions.pressure: host signals against the hard thresholds. */
export function hostPressureProbe(o: HostSignalOptions & { clock: Clock; evictionHard: EvictionHard; transitionMs?: number }): () => Promise<NodePressure> {
  const monitor = new PressureMonitor({ clock: o.clock, observe: () => observeHostSignals(o), evictionHard: o.evictionHard, transitionMs: o.transitionMs });
  return () => monitor.probe();
}
