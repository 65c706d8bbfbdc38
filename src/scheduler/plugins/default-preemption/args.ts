/**
 * DefaultPreemptionArgs (kubescheduler.config.k8s.io/v1). The dry run stops once it has found
 * max(minCandidateNodesAbsolute, minCandidateNodesPercentage% of the potential nodes) candidates (at most all of
 * them): a few candidates are enough to pick a good node without simulating preemption on every node of a big
 * cluster.
 */
import { errorMessage, FieldPath, invalid, type ErrorList } from '../../../machinery/validation/field.js';

export interface DefaultPreemptionArgs {
  /** 0–100. */
  minCandidateNodesPercentage: number;
  /** ≥ 0; both 0 at once is invalid (the dry run would look for no candidate). */
  minCandidateNodesAbsolute: number;
}

export const DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE = 10;
export const DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** Upstream's SetDefaults_DefaultPreemptionArgs: only missing fields are defaulted (an explicit 0 stays 0). */
export function defaultPreemptionArgs(raw: unknown): DefaultPreemptionArgs {
  const a = (raw ?? {}) as Partial<DefaultPreemptionArgs>;
  return {
    minCandidateNodesPercentage: a.minCandidateNodesPercentage ?? DEFAULT_MIN_CANDIDATE_NODES_PERCENTAGE,
    minCandidateNodesAbsolute: a.minCandidateNodesAbsolute ?? DEFAULT_MIN_CANDIDATE_NODES_ABSOLUTE,
  };
}

/** Field errors worded as upstream's ValidateDefaultPreemptionArgs; empty when valid. */
export function validatePreemptionArgs(args: DefaultPreemptionArgs): string[] {
  const errs: ErrorList = [];
  const pctPath = FieldPath.root('minCandidateNodesPercentage');
  const absPath = FieldPath.root('minCandidateNodesAbsolute');
  const pct = args.minCandidateNodesPercentage;
  const abs = args.minCandidateNodesAbsolute;
  if (!Number.isInteger(pct) || pct < 0 || pct > 100) errs.push(invalid(pctPath, pct, 'not in valid range [0, 100]'));
  if (!Number.isInteger(abs) || abs < 0) errs.push(invalid(absPath, abs, 'not in valid range [0, inf)'));
  if (pct === 0 && abs === 0) {
    errs.push(
      invalid(pctPath, pct, 'cannot be zero at the same time as minCandidateNodesAbsolute'),
      invalid(absPath, abs, 'cannot be zero at the same time as minCandidateNodesPercentage'),
    );
  }
  return errs.map((e) => `${e.field}: ${errorMessage(e)}`);
}

/**
 * How many candidates the dry run looks for among `numNodes` potential nodes. Worked example: 5,000 nodes at 10%
 * → 500; 300 nodes → 30, raised to the absolute minimum 100; 40 nodes → 100, capped at 40.
 */
export function calculateNumCandidates(args: DefaultPreemptionArgs, numNodes: number): number {
  const n = Math.floor((numNodes * args.minCandidateNodesPercentage) / 100);
  return Math.min(Math.max(n, args.minCandidateNodesAbsolute), numNodes);
}
