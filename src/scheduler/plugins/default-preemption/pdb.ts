/**
 * PodDisruptionBudgets in the victim search (upstream's filterPodsWithPDBViolation). Each budget starts from its
 * status.disruptionsAllowed and is charged once per matching victim, in the order the victims are given (most
 * important first); a victim whose charge takes any of its budgets below zero "violates" it. Worked example: a
 * budget allowing 1 disruption matching victims a, b (in that order): a brings it to 0 (fine), b to -1 (violating).
 * A victim already listed in the budget's status.disruptedPods was accounted for by the API server (an eviction in
 * flight) and is not charged again.
 */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { labelSelectorAsSelector, type Selector } from '../../../machinery/labels/index.js';
import type { PodInfo } from '../../framework/types.js';

export type PDB = Readonly<PodDisruptionBudget>;

/** Nil and empty selectors, and invalid ones, match nothing (a budget must say which pods it protects). */
function pdbSelector(pdb: PDB): Selector | undefined {
  try {
    const sel = labelSelectorAsSelector(pdb.spec?.selector ?? null);
    return sel.isEverything() || sel.isNothing() ? undefined : sel;
  } catch {
    return undefined;
  }
}

export interface PDBSplit {
  violating: PodInfo[];
  nonViolating: PodInfo[];
}

/** Splits `victims` keeping their order within each group. */
export function filterPodsWithPDBViolation(victims: readonly PodInfo[], pdbs: readonly PDB[]): PDBSplit {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map(pdbSelector);
  const out: PDBSplit = { violating: [], nonViolating: [] };
  for (const pi of victims) {
    const labels = pi.pod.metadata?.labels ?? {};
    let violated = false;
    if (Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i];
        if (!sel || pdb.metadata?.namespace !== pi.pod.metadata?.namespace || !sel.matches(labels)) return;
        if (pdb.status?.disruptedPods?.[pi.pod.metadata?.name ?? ''] !== undefined) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? out.violating : out.nonViolating).push(pi);
  }
  return out;
}
