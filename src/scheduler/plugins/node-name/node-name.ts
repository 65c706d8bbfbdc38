/**
 * NodeName: a pod that names its node (spec.nodeName) fits only that node. Beyond upstream's Filter, PreFilter
 * narrows the candidate nodes to that one name, so the runtime does not walk the whole snapshot, and skips the
 * Filter when the pod names no node.
 */
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreFilterResult,
} from '../../framework/interface.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';

export const NAME = 'NodeName';

export const ERR_REASON = "node(s) didn't match the requested node name";

/** Whether the pod may run on this node as far as spec.nodeName is concerned. */
export const fits = (pod: P, nodeInfo: NodeInfo): boolean => !pod.spec?.nodeName || pod.spec.nodeName === nodeInfo.name;

export class NodeName implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  preFilter(_state: CycleState, pod: P, _nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) return { status: Status.skip() };
    return { result: { nodeNames: new Set([nodeName]) }, status: Status.success() };
  }

  filter(_state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    return fits(pod, nodeInfo) ? Status.success() : Status.unresolvable(ERR_REASON);
  }

  /** Only a new node (the one named) can change the verdict; no hint: every such event retries with backoff. */
  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: 'Node', actionType: ActionType.Add } }];
  }
}
