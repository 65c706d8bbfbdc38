/**
 * Removing iptables chains by name prefix (the portmap plugin's CNI-HOSTPORT-* chains in the nat table, which
 * outlive every pod): first the rules elsewhere that jump into them, then the chains themselves (flush, delete).
 */
import { mustRun, type CommandRunner } from './exec.js';

/** Splits one `iptables -S` line into arguments (double-quoted words, as iptables prints comments). */
export function splitRuleLine(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return out;
}

export interface ChainPlan {
  /** `-D …` argument lists for rules in other chains that reference a matching chain. */
  deleteRules: string[][];
  /** Matching chains, to flush and delete. */
  chains: string[];
}

/** What to remove for chains starting with `prefix`, from `iptables -t <table> -S` output. */
export function planChainRemoval(listing: string, prefix: string): ChainPlan {
  const lines = listing.split('\n').map((l) => l.trim()).filter(Boolean);
  const chains = lines.map((l) => /^-N (\S+)$/.exec(l)?.[1]).filter((c): c is string => !!c && c.startsWith(prefix));
  const deleteRules: string[][] = [];
  for (const l of lines) {
    const args = splitRuleLine(l);
    if (args[0] !== '-A' || args[1]!.startsWith(prefix)) continue;
    if (args.some((a) => a.startsWith(prefix))) deleteRules.push(['-D', ...args.slice(1)]);
  }
  return { deleteRules, chains };
}

export async function chainsWithPrefix(run: CommandRunner, table: string, prefix: string): Promise<string[]> {
  return planChainRemoval(await mustRun(run, 'iptables', ['-w', '-t', table, '-S']), prefix).chains;
}

/** Removes the chains and every jump into them; returns the chains removed. */
export async function removeChainsWithPrefix(run: CommandRunner, table: string, prefix: string): Promise<string[]> {
  const plan = planChainRemoval(await mustRun(run, 'iptables', ['-w', '-t', table, '-S']), prefix);
  for (const rule of plan.deleteRules) await mustRun(run, 'iptables', ['-w', '-t', table, ...rule]);
  for (const c of plan.chains) await mustRun(run, 'iptables', ['-w', '-t', table, '-F', c]);
  for (const c of plan.chains) await mustRun(run, 'iptables', ['-w', '-t', table, '-X', c]);
  return plan.chains;
}
