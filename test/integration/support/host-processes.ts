/**
 * Host process and mount bookkeeping for the runtime tests: processes are recorded by PID *and* start time (so a
 * reused PID is not mistaken for ours), and mounts are found under a directory the test owns.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessRef {
  pid: number;
  startTime: string;
  cmdline: string;
}

function stat(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    return raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export function processRef(pid: number): ProcessRef | undefined {
  const fields = stat(pid);
  if (!fields) return undefined;
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    // raced with exit
  }
  return { pid, startTime: fields[19]!, cmdline };
}

/** Alive and not a zombie, and the same process (start time) as recorded. */
export function isAlive(ref: ProcessRef): boolean {
  const fields = stat(ref.pid);
  return fields !== undefined && fields[19] === ref.startTime && fields[0] !== 'Z';
}

const allPids = (): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** containerd shims serving the containerd at `socket` (their command line carries `-address <socket>`). */
export function shimsOf(socket: string): ProcessRef[] {
  return allPids()
    .map(processRef)
    .filter((p): p is ProcessRef => !!p && p.cmdline.includes('containerd-shim') && p.cmdline.includes(socket));
}

/** All descendants of the given processes (container processes below their shims). */
export function descendantsOf(roots: number[]): ProcessRef[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = Number(stat(pid)?.[1]);
    if (ppid) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: ProcessRef[] = [];
  const queue = [...roots];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      const ref = processRef(c);
      if (ref) out.push(ref);
      queue.push(c);
    }
  }
  return out;
}

/** Mount points at or below `dir`, deepest first (the order to unmount them in). */
export function mountsUnder(dir: string): string[] {
  const points = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((m): m is string => !!m && (m === dir || m.startsWith(`${dir}/`)));
  return points.sort((a, b) => b.length - a.length);
}

export function unmountAll(points: string[]): void {
  for (const m of points) {
    try {
      execFileSync('umount', ['-l', m]);
    } catch {
      // already gone
    }
  }
}
