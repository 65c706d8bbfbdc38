/**
 * `unreachable` routes for the cluster CIDRs (pods 10.244.0.0/16, services 10.96.0.0/12): a packet to a cluster
 * address that no more specific route (the node's pod /24 on the bridge) or rule (the proxy's DNAT) claims is
 * dropped here instead of following the default route off the machine.
 */
import { mustRun, type CommandRunner } from './exec.js';

/** The destinations of `ip -4 route show type unreachable` lines (`unreachable 10.96.0.0/12 …`). */
export function parseUnreachableRoutes(text: string): string[] {
  return text
    .split('\n')
    .map((l) => /^unreachable\s+(\S+)/.exec(l.trim())?.[1])
    .filter((d): d is string => !!d);
}

export async function listUnreachableRoutes(run: CommandRunner): Promise<string[]> {
  return parseUnreachableRoutes(await mustRun(run, 'ip', ['-4', 'route', 'show', 'type', 'unreachable']));
}

/**
 * Adds `unreachable <cidr>` unless present. Resolves true when this call added it; false when it was there or
 * another route to exactly that destination exists (the host's own, which we leave alone).
 */
export async function ensureUnreachableRoute(run: CommandRunner, cidr: string): Promise<boolean> {
  if ((await listUnreachableRoutes(run)).includes(cidr)) return false;
  const r = await run('ip', ['-4', 'route', 'add', 'unreachable', cidr]);
  if (r.code === 0) return true;
  if (/File exists/i.test(r.stderr)) return false;
  throw new Error(`ip route add unreachable ${cidr} failed (${r.code}): ${r.stderr.trim()}`);
}

/** Deletes `unreachable <cidr>` if present (only that route type: a host route to the same prefix stays). */
export async function deleteUnreachableRoute(run: CommandRunner, cidr: string): Promise<boolean> {
  if (!(await listUnreachableRoutes(run)).includes(cidr)) return false;
  await mustRun(run, 'ip', ['-4', 'route', 'del', 'unreachable', cidr]);
  return true;
}
