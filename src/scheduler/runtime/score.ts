/**
 * The PreScore and Score run functions (upstream's RunPreScorePlugins / RunScorePlugins): PreScore Skip drops the
 * plugin's Score for this pod; each Score plugin scores every feasible node, its NormalizeScore (if any) rescales
 * the list in place into [0, 100], and the node's total is the sum of score × the plugin's weight.
 */
import { MAX_NODE_SCORE, MIN_NODE_SCORE, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import { isSuccess, Status } from '../framework/status.js';
import type { NodeInfo, P } from '../framework/types.js';

export interface ScoreOutcome {
  /** One entry per node, in the order of `nodes`: the weighted sum. */
  totals: NodeScore[];
  /** Each plugin's normalized, unweighted scores (for explanations and tests). */
  perPlugin: Map<string, NodeScore[]>;
  status: Status;
}

const wrapError = (what: string, s: Status | undefined): Status =>
  Status.error(new Error(`${what}: ${s?.message() ?? 'returned no status'}`));

export function runPreScorePlugins(plugins: readonly PreScorePlugin[], state: CycleState, pod: P, nodes: readonly NodeInfo[]): Status {
  for (const pl of plugins) {
    let s: Status;
    try {
      s = pl.preScore(state, pod, nodes);
    } catch (e) {
      s = Status.error(e);
    }
    if (s?.isSkip()) {
      state.skipScorePlugins.add(pl.name);
      continue;
    }
    if (!isSuccess(s)) return wrapError(`running PreScore plugin ${JSON.stringify(pl.name)}`, s).withPlugin(pl.name);
  }
  return Status.SUCCESS;
}

function scoreAll(pl: ScorePlugin, state: CycleState, pod: P, nodes: readonly NodeInfo[]): { list: NodeScore[]; status: Status } {
  const list: NodeScore[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    let r: { score: number; status: Status };
    try {
      r = pl.score(state, pod, node);
    } catch (e) {
      r = { score: 0, status: Status.error(e) };
    }
    if (!isSuccess(r.status)) return { list, status: wrapError(`running Score plugin ${JSON.stringify(pl.name)}`, r.status) };
    list[i] = { name: node.name, score: r.score };
  }
  return { list, status: Status.SUCCESS };
}

export function runScorePlugins(
  plugins: readonly ScorePlugin[],
  weights: ReadonlyMap<string, number>,
  state: CycleState,
  pod: P,
  nodes: readonly NodeInfo[],
): ScoreOutcome {
  const totals: NodeScore[] = nodes.map((n) => ({ name: n.name, score: 0 }));
  const perPlugin = new Map<string, NodeScore[]>();
  const fail = (status: Status, plugin: string): ScoreOutcome => ({ totals, perPlugin, status: status.withPlugin(plugin) });
  for (const pl of plugins) {
    if (state.skipScorePlugins.has(pl.name)) continue;
    const { list, status } = scoreAll(pl, state, pod, nodes);
    if (!status.isSuccess()) return fail(status, pl.name);
    const ext = pl.scoreExtensions?.();
    if (ext) {
      let s: Status;
      try {
        s = ext.normalizeScore(state, pod, list);
      } catch (e) {
        s = Status.error(e);
      }
      if (!isSuccess(s)) return fail(wrapError(`running Normalize on Score plugin ${JSON.stringify(pl.name)}`, s), pl.name);
    }
    const w = weights.get(pl.name) ?? 1;
    for (let i = 0; i < list.length; i++) {
      const score = list[i]!.score;
      if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE)) {
        const msg = `plugin ${JSON.stringify(pl.name)} returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`;
        return fail(Status.error(new Error(msg)), pl.name);
      }
      totals[i]!.score += score * w;
    }
    perPlugin.set(pl.name, list);
  }
  return { totals, perPlugin, status: Status.SUCCESS };
}
