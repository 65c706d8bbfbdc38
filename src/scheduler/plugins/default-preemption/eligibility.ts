/**
 * Whether a pod may preempt now (upstream's PodEligibleToPreemptOthers):
 * - preemptionPolicy Never: never;
 * - a pod that already preempted and is nominated to a node waits while a lower-priority pod there is still
 *   terminating because of a preemption (its DisruptionTarget condition says PreemptionByScheduler): preempting
 *   again would take more victims for the same pod. Unless filters now call that node UnschedulableAndUnresolvable
 *   (e.g. it was tainted meanwhile): then the wait is pointless and it may preempt elsewhere.
 */
import type { NodeInfoLister } from '../../framework/interface.js';
import { Code, type Status } from '../../framework/status.js';
import type { P } from '../../framework/types.js';
import { podPriority } from './importance.js';

export const DISRUPTION_TARGET = 'DisruptionTarget';
export const REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** Being deleted, and the first DisruptionTarget condition is True with reason PreemptionByScheduler. */
export function podTerminatingByPreemption(p: P): boolean {
  if (!p.metadata?.deletionTimestamp) return false;
  const c = (p.status?.conditions ?? []).find((x) => x.type === DISRUPTION_TARGET);
  return c?.status === 'True' && c.reason === REASON_PREEMPTION_BY_SCHEDULER;
}

/**
 * `nominatedNodeStatus` is the verdict of this attempt on the pod's nominated node (undefined: no verdict, which
 * counts as UnschedulableAndUnresolvable, as upstream's absent-nodes status). Returns '' when eligible, else why not.
 */
export function podIneligibleReason(pod: P, nodes: NodeInfoLister, nominatedNodeStatus: Status | undefined): string {
  if (pod.spec?.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
  const nominated = pod.status?.nominatedNodeName;
  if (!nominated) return '';
  if ((nominatedNodeStatus?.code ?? Code.UnschedulableAndUnresolvable) === Code.UnschedulableAndUnresolvable) return '';
  const info = nodes.get(nominated);
  const prio = podPriority(pod);
  for (const pi of info?.pods ?? []) {
    if (podPriority(pi.pod) < prio && podTerminatingByPreemption(pi.pod)) return MSG_TERMINATING_ON_NOMINATED;
  }
  return '';
}
