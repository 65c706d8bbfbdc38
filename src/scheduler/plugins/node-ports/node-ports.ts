/**
 * NodePorts: a pod asking for host ports fits only nodes where none of them is taken (0.0.0.0 counting as every
 * address). PreFilter computes the wanted ports once and skips the Filter for pods without host ports.
 */
import {
  ActionType,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  type QueueingHint,
} from '../../framework/interface.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import type { HostPortKey, NodeInfo, P } from '../../framework/types.js';
import { fitsPorts, podWantedPorts, type WantedPort } from './host-ports.js';

export const NAME = 'NodePorts';

export const ERR_REASON = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = `PreFilter${NAME}`;

/** Not affected by adding or removing other pods, so clones share it. */
class PreFilterState implements StateData {
  constructor(readonly ports: readonly WantedPort[]) {}
  clone(): StateData {
    return this;
  }
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = NAME;

  preFilter(state: CycleState, pod: P, _nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const ports = podWantedPorts(pod);
    if (ports.length === 0) return { status: Status.skip() };
    state.write(PRE_FILTER_KEY, new PreFilterState(ports));
    return { status: Status.success() };
  }

  preFilterExtensions(): PreFilterExtensions | undefined {
    return undefined;
  }

  filter(state: CycleState, _pod: P, nodeInfo: NodeInfo): Status {
    const s = state.read<PreFilterState>(PRE_FILTER_KEY);
    if (!s) return Status.error(new Error(`reading ${JSON.stringify(PRE_FILTER_KEY)} from cycleState: not found`));
    return fitsPorts(s.ports, nodeInfo.usedPorts) ? Status.success() : Status.unschedulable(ERR_REASON);
  }

  /** Container ports are immutable, so pod updates never free a port; only deletions and new nodes do. */
  eventsToRegister(): ClusterEventWithHint[] {
    return [
      { event: { resource: 'Pod', actionType: ActionType.Delete }, queueingHint: isSchedulableAfterPodDeleted },
      { event: { resource: 'Node', actionType: ActionType.Add } },
    ];
  }
}

/** Queue only when the deleted pod was placed (or nominated) and held a port this pod wants. */
export function isSchedulableAfterPodDeleted(pod: P, oldObj: unknown): QueueingHint {
  const deleted = oldObj as P | undefined;
  if (!deleted) return 'Queue';
  if (!deleted.spec?.nodeName && !deleted.status?.nominatedNodeName) return 'QueueSkip';
  const freed = new Map<HostPortKey, number>();
  for (const w of podWantedPorts(deleted)) freed.set(w.key, 1);
  if (freed.size === 0) return 'QueueSkip';
  return fitsPorts(podWantedPorts(pod), freed) ? 'QueueSkip' : 'Queue';
}
