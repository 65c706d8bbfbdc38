/**
 * Taking a node's pods down for good (`k8ts reset`): every sandbox stopped (containers killed, the CNI DEL that
 * frees the IP, veth and NAT rules) and removed, then the shims of this containerd, which exit once their
 * tasks are gone, waited for; any that remain are killed by PID (they are identified by our socket in their command
 * line, so no other containerd's shim is ever touched).
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { RuntimeService } from '../interface.js';

/** Stops and removes every sandbox; returns how many there were. */
export async function removeAllPods(runtime: RuntimeService): Promise<number> {
  const sandboxes = await runtime.listPodSandbox();
  for (const s of sandboxes) {
    for (const c of await runtime.listContainers({ podSandboxId: s.id })) await runtime.removeContainer(c.id).catch(() => undefined);
    await runtime.stopPodSandbox(s.id);
    await runtime.removePodSandbox(s.id);
  }
  return sandboxes.length;
}

/** PIDs of containerd shims serving the containerd at `socket` (`-address <socket>` in their command line). */
export function shimPids(socket: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const argv = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      const i = argv.indexOf('-address');
      if (argv[0]?.includes('containerd-shim') && i >= 0 && argv[i + 1] === socket) out.push(Number(d));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

/** Waits (bounded) for our shims to exit, then SIGKILLs the rest by PID; returns how many had to be killed. */
export async function reapShims(socket: string, waitMs = 5_000): Promise<number> {
  const deadline = Date.now() + waitMs;
  while (shimPids(socket).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const left = shimPids(socket);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  return left.length;
}
