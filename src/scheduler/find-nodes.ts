/**
 * The filtering half of a scheduling attempt (upstream's findNodesThatFitPod / findNodesThatPassFilters): PreFilter,
 * the nominated node first, then Filter over the candidate nodes starting where the previous attempt stopped,
 * until numFeasibleNodesToFind nodes fit. Every rejected node's Status goes into the Diagnosis.
 */
import { Code, Status } from './framework/status.js';
import type { CycleState } from './framework/cycle-state.js';
import type { NodeInfo, P } from './framework/types.js';
import type { CycleContext } from './cycle-context.js';
import { Diagnosis } from './fit-error.js';
import type { Framework } from './runtime/framework.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * How many feasible nodes are enough (upstream's numFeasibleNodesToFind). Below 100 nodes: all. Otherwise the
 * percentage (profile, else global); 0 means adaptive: 50% − 1% per 125 nodes, at least 5%. Never fewer than 100.
 * Worked example: 5,000 nodes → 50 − 40 = 10% → 500 nodes; 1,000 nodes → 42% → 420; 200 nodes → 49% → 100 (floor).
 */
export function numFeasibleNodesToFind(percentage: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) p = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const n = Math.trunc((numAllNodes * p) / 100);
  return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
}

export interface FindResult {
  feasible: NodeInfo[];
  diagnosis: Diagnosis;
  /** An internal error (Code.Error) that ends the attempt. */
  error?: Status;
}

/** Runs Filter on `nodes` from the rotating start index; stops once enough nodes fit. */
function findNodesThatPassFilters(
  ctx: CycleContext,
  fwk: Framework,
  state: CycleState,
  pod: P,
  diagnosis: Diagnosis,
  nodes: readonly NodeInfo[],
  rotate: boolean,
): { feasible: NodeInfo[]; error?: Status } {
  const numAll = nodes.length;
  if (numAll === 0) return { feasible: [] };
  const toFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore ?? ctx.percentageOfNodesToScore, numAll);
  const start = rotate ? ctx.nextStartNodeIndex % numAll : 0;
  const feasible: NodeInfo[] = [];
  if (!fwk.hasFilterPlugins()) {
    for (let i = 0; i < toFind; i++) feasible.push(nodes[(start + i) % numAll]!);
    return { feasible };
  }
  const t = performance.now();
  let processed = 0;
  for (; processed < numAll && feasible.length < toFind; processed++) {
    const info = nodes[(start + processed) % numAll]!;
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, info);
    if (s.isSuccess()) {
      feasible.push(info);
    } else if (s.code === Code.Error) {
      fwk.observe('Filter', s, t);
      return { feasible: [], error: s };
    } else {
      diagnosis.nodeToStatus.set(info.name, s);
      diagnosis.addPluginStatus(s);
    }
  }
  fwk.observe('Filter', Status.SUCCESS, t);
  if (rotate) ctx.nextStartNodeIndex = (start + processed) % numAll;
  return { feasible };
}

export function findNodesThatFitPod(ctx: CycleContext, fwk: Framework, state: CycleState, pod: P): FindResult {
  const diagnosis = new Diagnosis();
  const allNodes = ctx.snapshot.list();
  const pre = fwk.runPreFilterPlugins(state, pod, allNodes);
  for (const p of pre.pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
  if (!pre.status.isSuccess()) {
    if (!pre.status.isRejected()) return { feasible: [], diagnosis, error: pre.status };
    // Every node gets the PreFilter verdict (preemption reads it per node); the message is PreFilter's alone.
    diagnosis.absentNodesStatus = pre.status;
    diagnosis.preFilterMsg = pre.status.message();
    diagnosis.addPluginStatus(pre.status);
    return { feasible: [], diagnosis };
  }

  // A nominated node (set by an earlier preemption) is likely the only one that fits: try it first.
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    const info = ctx.snapshot.get(nominated);
    if (!info) ctx.logger.info('Nominated node of the pod is not in the snapshot', { node: nominated });
    else {
      const r = findNodesThatPassFilters(ctx, fwk, state, pod, diagnosis, [info], false);
      if (r.error) ctx.logger.error('Evaluation failed on nominated node', { node: nominated, err: r.error.message() });
      else if (r.feasible.length > 0) return { feasible: r.feasible, diagnosis };
    }
  }

  let nodes = allNodes;
  if (pre.result?.nodeNames) {
    const narrowed: NodeInfo[] = [];
    for (const name of pre.result.nodeNames) {
      const info = ctx.snapshot.get(name); // a PreFilter may name nodes that do not exist
      if (info) narrowed.push(info);
    }
    nodes = narrowed;
    diagnosis.absentNodesStatus = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${pre.pluginsWithNodes.join(' ')}]`);
  }
  const r = findNodesThatPassFilters(ctx, fwk, state, pod, diagnosis, nodes, true);
  return { feasible: r.feasible, diagnosis, ...(r.error ? { error: r.error } : {}) };
}
