/**
 * The PreFilter and Filter run functions (upstream's RunPreFilterPlugins, RunFilterPlugins,
 * RunFilterPluginsWithNominatedPods and the PreFilter extensions). A plugin that throws counts as returning Error.
 */
import type { FilterPlugin, PodNominator, PreFilterPlugin, PreFilterResult } from '../framework/interface.js';
import { Code, isSuccess, Status } from '../framework/status.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { NodeInfo, P, PodInfo } from '../framework/types.js';

export interface PreFilterOutcome {
  /** Undefined: every node. */
  result?: PreFilterResult;
  status: Status;
  /** Plugins whose result narrowed the nodes (sorted): they are among the rejectors when nothing fits. */
  pluginsWithNodes: string[];
}

const wrapError = (what: string, s: Status | undefined): Status =>
  Status.error(new Error(`${what}: ${s?.message() ?? 'returned no status'}`));

function callPreFilter(pl: PreFilterPlugin, state: CycleState, pod: P, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
  try {
    return pl.preFilter(state, pod, nodes);
  } catch (e) {
    return { status: Status.error(e) };
  }
}

/**
 * Runs every PreFilter plugin. Skip marks the plugin's Filter to be skipped. UnschedulableAndUnresolvable stops at
 * once; Unschedulable lets the others run (preemption may still help, so their state must exist) and is returned
 * at the end; any other failure is an Error. Node-name results are intersected; an empty intersection rejects the
 * pod as UnschedulableAndUnresolvable "node(s) didn't satisfy plugin(s) [A B] simultaneously".
 */
export function runPreFilterPlugins(plugins: readonly PreFilterPlugin[], state: CycleState, pod: P, nodes: readonly NodeInfo[]): PreFilterOutcome {
  let names: Set<string> | undefined;
  let returnStatus = Status.SUCCESS;
  const withNodes = new Set<string>();
  const sortedWithNodes = (): string[] => [...withNodes].sort();
  for (const pl of plugins) {
    const { result, status } = callPreFilter(pl, state, pod, nodes);
    if (status?.isSkip()) {
      state.skipFilterPlugins.add(pl.name);
      continue;
    }
    if (!isSuccess(status)) {
      if (status.code === Code.UnschedulableAndUnresolvable) return { status: status.withPlugin(pl.name), pluginsWithNodes: [] };
      if (status.isRejected()) {
        returnStatus = status.withPlugin(pl.name);
        continue;
      }
      return { status: wrapError(`running PreFilter plugin ${JSON.stringify(pl.name)}`, status).withPlugin(pl.name), pluginsWithNodes: [] };
    }
    if (result?.nodeNames) {
      withNodes.add(pl.name);
      names = names ? new Set([...names].filter((n) => result.nodeNames!.has(n))) : new Set(result.nodeNames);
      if (names.size === 0) {
        const list = sortedWithNodes();
        const msg = list.length === 1 ? `node(s) didn't satisfy plugin ${list[0]}` : `node(s) didn't satisfy plugin(s) [${list.join(' ')}] simultaneously`;
        return { result: { nodeNames: names }, status: Status.unresolvable(msg), pluginsWithNodes: list };
      }
    }
  }
  return { ...(names ? { result: { nodeNames: names } } : {}), status: returnStatus, pluginsWithNodes: sortedWithNodes() };
}

/** `plugins` without those PreFilter skipped, computed once per cycle state (Filter runs once per node). */
function activeFilterPlugins(plugins: readonly FilterPlugin[], state: CycleState): readonly FilterPlugin[] {
  const skip = state.skipFilterPlugins;
  if (skip.size === 0) return plugins;
  const memo = state.activeFilters;
  if (memo && memo.from === plugins && memo.skipped === skip.size) return memo.list as readonly FilterPlugin[];
  const list = plugins.filter((pl) => !skip.has(pl.name));
  state.activeFilters = { from: plugins, skipped: skip.size, list };
  return list;
}

/** Runs the Filter plugins on one node, stopping at the first that does not pass; the Status names that plugin. */
export function runFilterPlugins(plugins: readonly FilterPlugin[], state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
  const active = activeFilterPlugins(plugins, state);
  for (let i = 0; i < active.length; i++) {
    const pl = active[i]!;
    let s: Status;
    try {
      s = pl.filter(state, pod, nodeInfo);
    } catch (e) {
      s = Status.error(e);
    }
    if (!isSuccess(s)) {
      // Filter plugins may only pass or reject; anything else is an internal error.
      if (!s.isRejected()) s = wrapError(`running ${JSON.stringify(pl.name)} filter plugin`, s);
      return s.withPlugin(pl.name);
    }
  }
  return Status.SUCCESS;
}

type Extension = 'addPod' | 'removePod';

/** Runs AddPod/RemovePod of every PreFilter plugin that has extensions (and was not skipped). */
export function runPreFilterExtension(
  which: Extension,
  plugins: readonly PreFilterPlugin[],
  state: CycleState,
  podToSchedule: P,
  podInfo: PodInfo,
  nodeInfo: NodeInfo,
): Status {
  const label = which === 'addPod' ? 'AddPod' : 'RemovePod';
  for (const pl of plugins) {
    if (state.skipFilterPlugins.has(pl.name)) continue;
    const ext = pl.preFilterExtensions?.();
    if (!ext) continue;
    let s: Status;
    try {
      s = ext[which](state, podToSchedule, podInfo, nodeInfo);
    } catch (e) {
      s = Status.error(e);
    }
    if (!isSuccess(s)) return wrapError(`running ${label} on PreFilter plugin ${JSON.stringify(pl.name)}`, s);
  }
  return Status.SUCCESS;
}

export const podPriority = (p: P): number => p.spec?.priority ?? 0;

/**
 * Filters with nominated pods (upstream's two passes): nominated pods of equal or higher priority on this node are
 * the current pod's betters, so the first pass adds them (to a copy of the node and of the state) and filters;
 * when pods were added and that passed, a second pass filters without them, because some filters (pod affinity)
 * may only pass thanks to pods that might never land here. Either pass rejecting rejects the node.
 */
export function runFilterPluginsWithNominatedPods(
  filters: readonly FilterPlugin[],
  preFilters: readonly PreFilterPlugin[],
  nominator: PodNominator,
  state: CycleState,
  pod: P,
  info: NodeInfo,
): Status {
  const nominated = info.node ? nominator.nominatedPodsForNode(info.name) : [];
  if (nominated.length === 0) return runFilterPlugins(filters, state, pod, info);
  let stateOut: CycleState | undefined;
  let infoOut: NodeInfo | undefined;
  const prio = podPriority(pod);
  const uid = pod.metadata?.uid;
  for (const pi of nominated) {
    if (podPriority(pi.pod) < prio || pi.pod.metadata?.uid === uid) continue;
    stateOut ??= state.clone();
    infoOut ??= info.clone();
    infoOut.addPodInfo(pi);
    const s = runPreFilterExtension('addPod', preFilters, stateOut, pod, pi, infoOut);
    if (!s.isSuccess()) return s;
  }
  if (!stateOut || !infoOut) return runFilterPlugins(filters, state, pod, info);
  const first = runFilterPlugins(filters, stateOut, pod, infoOut);
  if (!first.isSuccess()) return first;
  return runFilterPlugins(filters, state, pod, info);
}
