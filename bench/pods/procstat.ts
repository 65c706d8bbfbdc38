/**
 * CPU and memory of processes this benchmark did not fork itself (k8ts, its containerd, the shims), from /proc:
 * CPU = utime + stime + cutime + cstime of /proc/<pid>/stat (the children it waited for count: containerd's CNI
 * plugins, a shim's runc), in USER_HZ ticks; RSS = VmRSS of /proc/<pid>/status, sampled for a peak; PSS from
 * /proc/<pid>/smaps_rollup (shared pages split among the processes sharing them; for the shims, whose sum of RSS
 * counts the shared binary once per shim).
 */
import { readdirSync, readFileSync } from 'node:fs';

const HZ = 100;

/** CPU seconds of one process (its own and its reaped children's), undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) — field 3 is the state; utime is field 14.
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    const at = (n: number) => Number(f[n - 3]);
    return (at(14) + at(15) + at(16) + at(17)) / HZ;
  } catch {
    return undefined;
  }
}

function statusKiB(pid: number, key: string): number | undefined {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export const rssBytes = (pid: number): number | undefined => statusKiB(pid, 'VmRSS');

export function pssBytes(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The processes of /proc with their parent pid. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      out.set(Number(d), Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** `roots` and all their descendants (the shims with the containers' processes). */
export function withDescendants(roots: readonly number[]): number[] {
  const all = new Set(roots);
  if (all.size === 0) return [];
  const ppid = parents();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of ppid) {
      if (!all.has(pid) && all.has(parent)) {
        all.add(pid);
        grew = true;
      }
    }
  }
  return [...all];
}

/** PIDs of the kernel's threads (kthreadd, pid 2, and its children: kworkers tearing network namespaces down …). */
export function kernelThreadPids(): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]);
      if (d === '2' || ppid === 2) out.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/**
 * CPU seconds the whole machine spent busy so far (all cores, /proc/stat: user nice system irq softirq; not idle,
 * iowait, steal, and not guest/guest_nice, which user/nice already include).
 */
export function machineBusyS(): number | undefined {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const at = (i: number) => f[i] ?? 0;
    return (at(0) + at(1) + at(2) + at(5) + at(6)) / HZ;
  } catch {
    return undefined;
  }
}

export interface GroupUsage {
  /** CPU seconds spent during the window (processes that appeared in it count from 0). */
  cpuS: number;
  /** Peak of the summed RSS over the samples. */
  peakRss: number;
  /** Summed RSS / PSS at the end. */
  rss: number;
  pss: number;
  /** Processes at the end. */
  count: number;
}

/**
 * A group of processes (`pids()` re-evaluated at each sample, so shims that start during the window are counted)
 * watched from `start()` to `stop()`: CPU delta, RSS sampled every `everyMs` for the peak.
 */
export class GroupSampler {
  private cpu0 = new Map<number, number>();
  private last = new Map<number, number>();
  private peak = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: () => number[],
    private readonly everyMs = 250,
  ) {}

  start(): this {
    for (const pid of this.pids()) {
      const c = cpuSeconds(pid);
      if (c !== undefined) this.cpu0.set(pid, c);
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
    return this;
  }

  private sample(): void {
    let rss = 0;
    for (const pid of this.pids()) {
      rss += rssBytes(pid) ?? 0;
      const c = cpuSeconds(pid);
      if (c !== undefined) this.last.set(pid, c);
    }
    this.peak = Math.max(this.peak, rss);
  }

  stop(): GroupUsage {
    clearInterval(this.timer);
    this.sample();
    const now = this.pids();
    let cpuS = 0;
    // Processes that exited during the window count with their last sample.
    for (const [pid, c] of this.last) cpuS += c - (this.cpu0.get(pid) ?? 0);
    return {
      cpuS,
      peakRss: this.peak,
      rss: now.reduce((a, p) => a + (rssBytes(p) ?? 0), 0),
      pss: now.reduce((a, p) => a + (pssBytes(p) ?? 0), 0),
      count: now.length,
    };
  }
}
