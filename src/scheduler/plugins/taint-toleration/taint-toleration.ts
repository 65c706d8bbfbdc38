/**
 * TaintToleration (upstream's plugin of that name): Filter rejects a node with a NoSchedule or NoExecute taint the
 * pod does not tolerate (UnschedulableAndUnresolvable: preemption cannot remove a taint); Score counts the node's
 * PreferNoSchedule taints the pod does not tolerate, normalized reversed (fewest intolerable taints → 100).
 */
import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1.js';
import {
  doNotScheduleTaintsFilter,
  findMatchingUntoleratedTaint,
  tolerationsTolerateTaint,
} from '../../../api/core/v1/helpers/taints.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import {
  ActionType,
  MAX_NODE_SCORE,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type NodeScore,
  type PreScorePlugin,
  type QueueingHint,
  type ScoreExtensions,
  type ScorePlugin,
} from '../../framework/interface.js';
import { ScoreResult, Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';

export const NAME = 'TaintToleration';

const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** The Filter reason, e.g. `node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }`. */
export const untoleratedTaintReason = (key: string, value: string | undefined): string =>
  `node(s) had untolerated taint {${key}: ${value ?? ''}}`;

class PreScoreState implements StateData {
  constructor(readonly tolerationsPreferNoSchedule: readonly Toleration[]) {}
  clone(): StateData {
    return this;
  }
}

/** Tolerations that can tolerate a PreferNoSchedule taint: that effect, or none (every effect). */
const preferNoScheduleTolerations = (pod: P): Toleration[] =>
  (pod.spec?.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');

function countIntolerablePreferNoSchedule(node: Readonly<Node>, tolerations: readonly Toleration[]): number {
  const taints = node.spec?.taints;
  if (!taints) return 0;
  let n = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) n++;
  }
  return n;
}

const untolerated = (node: Readonly<Node> | undefined, pod: Readonly<Pod>): boolean =>
  !!findMatchingUntoleratedTaint(node?.spec?.taints, pod.spec?.tolerations, doNotScheduleTaintsFilter);

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions {
  readonly name = NAME;
  private readonly result = new ScoreResult();

  filter(_state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    const node = nodeInfo.node;
    if (!node) return Status.error(new Error('node not found'));
    const taints = node.spec?.taints;
    if (!taints?.length) return Status.success(); // the common case, without the helper's per-call allocations
    const taint = findMatchingUntoleratedTaint(taints, pod.spec?.tolerations, doNotScheduleTaintsFilter);
    return taint ? Status.unresolvable(untoleratedTaintReason(taint.key, taint.value)) : Status.success();
  }

  preScore(state: CycleState, pod: P, _nodes?: readonly NodeInfo[]): Status {
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(preferNoScheduleTolerations(pod)));
    return Status.success();
  }

  score(state: CycleState, _pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    if (!s) return { score: 0, status: Status.error(new Error(`failed to read "${PRE_SCORE_STATE_KEY}" from cycleState`)) };
    if (!nodeInfo.node) return { score: 0, status: Status.error(new Error('node not found')) };
    return this.result.of(countIntolerablePreferNoSchedule(nodeInfo.node, s.tolerationsPreferNoSchedule));
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(_state: CycleState, _pod: P, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
    return Status.success();
  }

  /**
   * A node added or re-tainted may now be tolerated; a pod's own tolerations may grow (the only allowed change
   * to them), which can make that pod schedulable.
   */
  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'NodeAdd|UpdateNodeTaint' },
        queueingHint: (pod, oldObj, newObj) => isSchedulableAfterNodeChange(pod, oldObj as Node | undefined, newObj as Node),
      },
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodTolerations, label: 'UpdatePodTolerations' },
        queueingHint: (pod, _oldObj, newObj) => isSchedulableAfterPodTolerationChange(pod, newObj as Pod),
      },
    ];
  }
}

/** Queue when the node went from having an untolerated NoSchedule/NoExecute taint (or not existing) to none. */
export function isSchedulableAfterNodeChange(pod: P, oldNode: Node | undefined, newNode: Node): QueueingHint {
  const was = oldNode ? untolerated(oldNode, pod) : true;
  return was && !untolerated(newNode, pod) ? 'Queue' : 'QueueSkip';
}

/** Queue when the updated pod is the rejected pod itself. */
export const isSchedulableAfterPodTolerationChange = (pod: P, updated: Pod): QueueingHint =>
  updated.metadata?.uid === pod.metadata?.uid ? 'Queue' : 'QueueSkip';
