/**
 * Choosing among candidates (upstream's SelectCandidate / pickOneNodeForPreemption): each criterion keeps only
 * the candidates with the best score, and the next criterion breaks the remaining ties:
 *
 * 1. fewest PodDisruptionBudget violations;
 * 2. lowest priority of the most important victim;
 * 3. smallest sum of victim priorities, each shifted by 2^31 so that all are ≥ 0 — so that, e.g., two victims of
 *    priority -10 (sum 2·2^31 − 20) weigh more than one victim of priority 0 (sum 2^31);
 * 4. fewest victims;
 * 5. latest start time of the most important victims (disturb what has run for the shortest time);
 * 6. the first one left (candidate order: budget-respecting ones first, then dry-run order).
 */
import { earliestStartOfMostImportant, podPriority } from './importance.js';
import type { Candidate } from './candidates.js';

type Score = (c: Candidate) => number;

const PRIORITY_SHIFT = 2 ** 31;

export function scoreFuncs(now: number): Score[] {
  return [
    (c) => -c.victims.numPDBViolations,
    (c) => -podPriority(c.victims.pods[0]!),
    (c) => -c.victims.pods.reduce((sum, p) => sum + podPriority(p) + PRIORITY_SHIFT, 0),
    (c) => -c.victims.pods.length,
    (c) => earliestStartOfMostImportant(c.victims.pods, now) ?? Number.NEGATIVE_INFINITY,
  ];
}

/** The best candidate, or undefined when there is none. */
export function selectCandidate(candidates: readonly Candidate[], now: number): Candidate | undefined {
  let left = [...candidates];
  for (const score of scoreFuncs(now)) {
    if (left.length <= 1) break;
    let best = Number.NEGATIVE_INFINITY;
    let kept: Candidate[] = [];
    for (const c of left) {
      const s = score(c);
      if (s > best) {
        best = s;
        kept = [];
      }
      if (s === best) kept.push(c);
    }
    left = kept;
  }
  return left[0];
}
