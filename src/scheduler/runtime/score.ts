/**
 * The PreScore and Score run functions (upstream's RunPreScorePlugins / RunScorePlugins): PreScore Skip drops the
 * plugin's Score for this pod; each Score plugin scores every feasible node, its NormalizeScore (if any) rescales
 * the list in place into [0, 100], and the node's total is the sum of score × the plugin's weight. A plugin's result
 * object is read at once (plugins may reuse it from one node to the next).
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

/**
 * Runs a plugin's Score on every node and hands each result to `put` at once (plugins may reuse their result object
 * from one node to the next); stops at the first failure.
 */
function scoreEach(pl: ScorePlugin, state: CycleState, pod: P, nodes: readonly NodeInfo[], put: (i: number, score: number) => void): Status {
  for (let i = 0; i < nodes.length; i++) {
    let r: { score: number; status: Status };
    try {
      r = pl.score(state, pod, nodes[i]!);
    } catch (e) {
      r = { score: 0, status: Status.error(e) };
    }
    if (!isSuccess(r.status)) return wrapError(`running Score plugin ${JSON.stringify(pl.name)}`, r.status);
    put(i, r.score);
  }
  return Status.SUCCESS;
}

/** One plugin's scores: the NodeScores it normalized, or plain numbers. */
type Scores = { normalized: NodeScore[]; raw?: undefined } | { normalized?: undefined; raw: number[] };

const scoreAt = (s: Scores, i: number): number => (s.raw ? s.raw[i]! : s.normalized[i]!.score);

export function runScorePlugins(
  plugins: readonly ScorePlugin[],
  weights: ReadonlyMap<string, number>,
  state: CycleState,
  pod: P,
  nodes: readonly NodeInfo[],
): ScoreOutcome {
  const names = nodes.map((n) => n.name);
  const sums: number[] = names.map(() => 0);
  const scored: [string, Scores][] = [];
  const outcome = (status: Status): ScoreOutcome => {
    let perPlugin: Map<string, NodeScore[]> | undefined;
    return {
      totals: names.map((name, i) => ({ name, score: sums[i]! })),
      // Built when read (explanations, tests): scoring itself does not need NodeScores of every plugin.
      get perPlugin(): Map<string, NodeScore[]> {
        perPlugin ??= new Map(scored.map(([plugin, s]) => [plugin, s.normalized ?? names.map((name, i) => ({ name, score: s.raw![i]! }))]));
        return perPlugin;
      },
      status,
    };
  };
  for (const pl of plugins) {
    if (state.skipScorePlugins.has(pl.name)) continue;
    const ext = pl.scoreExtensions?.();
    let scores: Scores;
    if (ext) {
      // A plugin with NormalizeScore rescales NodeScores in place; the others' scores stay plain numbers (an
      // object per node and plugin was most of a scheduling cycle's garbage).
      const list: NodeScore[] = new Array(nodes.length);
      const status = scoreEach(pl, state, pod, nodes, (i, score) => (list[i] = { name: names[i]!, score }));
      if (!status.isSuccess()) return outcome(status.withPlugin(pl.name));
      let s: Status;
      try {
        s = ext.normalizeScore(state, pod, list);
      } catch (e) {
        s = Status.error(e);
      }
      if (!isSuccess(s)) return outcome(wrapError(`running Normalize on Score plugin ${JSON.stringify(pl.name)}`, s).withPlugin(pl.name));
      scores = { normalized: list };
    } else {
      const raw: number[] = new Array(nodes.length);
      const status = scoreEach(pl, state, pod, nodes, (i, score) => (raw[i] = score));
      if (!status.isSuccess()) return outcome(status.withPlugin(pl.name));
      scores = { raw };
    }
    const w = weights.get(pl.name) ?? 1;
    for (let i = 0; i < names.length; i++) {
      const score = scoreAt(scores, i);
      if (!(score >= MIN_NODE_SCORE && score <= MAX_NODE_SCORE)) {
        const msg = `plugin ${JSON.stringify(pl.name)} returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`;
        return outcome(Status.error(new Error(msg)).withPlugin(pl.name));
      }
      sums[i] += score * w;
    }
    scored.push([pl.name, scores]);
  }
  return outcome(Status.SUCCESS);
}
