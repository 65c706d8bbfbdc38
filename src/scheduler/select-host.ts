/**
 * The scoring half of a scheduling attempt (upstream's prioritizeNodes and selectHost): PreScore and Score over the
 * feasible nodes, then the highest total wins, ties broken uniformly at random by reservoir sampling (the k-th node
 * with the top score replaces the choice with probability 1/k).
 */
import type { NodeScore } from './framework/interface.js';
import type { CycleState } from './framework/cycle-state.js';
import { Status } from './framework/status.js';
import type { NodeInfo, P } from './framework/types.js';
import type { Framework } from './runtime/framework.js';

/** Weighted totals per feasible node; without Score plugins every node scores 1. */
export function prioritizeNodes(fwk: Framework, state: CycleState, pod: P, nodes: readonly NodeInfo[]): { totals: NodeScore[]; status: Status } {
  if (!fwk.hasScorePlugins()) return { totals: nodes.map((n) => ({ name: n.name, score: 1 })), status: Status.SUCCESS };
  const pre = fwk.runPreScorePlugins(state, pod, nodes);
  if (!pre.isSuccess()) return { totals: [], status: pre };
  const out = fwk.runScorePlugins(state, pod, nodes);
  return { totals: out.totals, status: out.status };
}

/** The node with the highest score; `random` returns [0, 1). Undefined for an empty list. */
export function selectHost(scores: readonly NodeScore[], random: () => number): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  let ties = 0;
  for (const s of scores) {
    if (s.score > bestScore) {
      best = s.name;
      bestScore = s.score;
      ties = 1;
    } else if (s.score === bestScore) {
      ties++;
      if (Math.floor(random() * ties) === 0) best = s.name;
    }
  }
  return best;
}
