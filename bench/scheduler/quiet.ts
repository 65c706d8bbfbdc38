/**
 * Waits until no other heavy work runs on the machine (CI runs, the controllers benchmark): polls `pgrep -f` for
 * each pattern every `pollMs`, at most `maxMs`. Returns what was still running when it gave up (empty when quiet).
 */
import { execFileSync } from 'node:child_process';

export const BUSY_PATTERNS = ['k8ts-ci', 'bench/controllers'];

/** `pattern (pids)` for each pattern that matches a process other than this one. */
export function otherWork(patterns: readonly string[] = BUSY_PATTERNS): string[] {
  const out: string[] = [];
  for (const p of patterns) {
    let pids: string[] = [];
    try {
      pids = execFileSync('pgrep', ['-f', p], { encoding: 'utf8' })
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s && Number(s) !== process.pid);
    } catch {
      pids = []; // exit 1: nothing matched
    }
    if (pids.length > 0) out.push(`${p} (${pids.length} process${pids.length > 1 ? 'es' : ''})`);
  }
  return out;
}

export async function waitForQuiet(o: { pollMs: number; maxMs: number; log: (m: string) => void }): Promise<{ waitedMs: number; stillBusy: string[] }> {
  const t0 = performance.now();
  let busy = otherWork();
  while (busy.length > 0 && performance.now() - t0 < o.maxMs) {
    o.log(`other work running: ${busy.join(', ')}; waiting ${o.pollMs / 1000} s (gave up after ${o.maxMs / 60000} min)`);
    await new Promise((r) => setTimeout(r, o.pollMs));
    busy = otherWork();
  }
  return { waitedMs: performance.now() - t0, stillBusy: busy };
}
