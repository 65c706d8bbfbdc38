/**
 * Writing a failed attempt onto the pod (upstream's updatePod + PatchPodStatus): the PodScheduled=False condition
 * (reason Unschedulable or SchedulerError, message = the FailedScheduling text) and, when preemption nominated a
 * node or the nomination must be cleared, status.nominatedNodeName. One strategic-merge PATCH of pods/status
 * (conditions merge by type); nothing is sent when neither changed. lastTransitionTime moves only when the
 * condition's status changes.
 */
import type { PodCondition } from 'kubernetes-types/core/v1.js';
import type { Client } from '../client/interface.js';
import { PODS } from '../client/resources.js';
import { formatRFC3339 } from '../machinery/meta/timestamp.js';
import type { P } from './framework/types.js';

/** What to do with status.nominatedNodeName (upstream's NominatingInfo): leave it, or set it ('' clears it). */
export type Nominating = { mode: 'noop' } | { mode: 'override'; nodeName: string };
export const NOMINATING_NOOP: Nominating = { mode: 'noop' };
export const CLEAR_NOMINATED_NODE: Nominating = { mode: 'override', nodeName: '' };

export const POD_REASON_UNSCHEDULABLE = 'Unschedulable';
export const POD_REASON_SCHEDULER_ERROR = 'SchedulerError';

export interface SchedulingCondition {
  reason: string;
  message: string;
}

/** The status patch to send, or undefined when the pod already shows this condition and nomination. */
export function podStatusPatch(pod: P, cond: SchedulingCondition, nominating: Nominating, now: Date): { status: Record<string, unknown> } | undefined {
  const existing = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const conditionChanged = !existing || existing.status !== 'False' || existing.reason !== cond.reason || existing.message !== cond.message;
  const nominationChanged = nominating.mode === 'override' && (pod.status?.nominatedNodeName ?? '') !== nominating.nodeName;
  if (!conditionChanged && !nominationChanged) return undefined;
  const status: Record<string, unknown> = {};
  if (conditionChanged) {
    const condition: Omit<PodCondition, 'lastProbeTime'> & { lastProbeTime: null } = {
      type: 'PodScheduled',
      status: 'False',
      reason: cond.reason,
      message: cond.message,
      lastProbeTime: null,
      lastTransitionTime: existing?.status === 'False' && existing.lastTransitionTime ? existing.lastTransitionTime : formatRFC3339(now),
    };
    status.conditions = [condition];
  }
  if (nominationChanged) status.nominatedNodeName = nominating.mode === 'override' && nominating.nodeName ? nominating.nodeName : null;
  return { status };
}

export async function updatePodSchedulingStatus(client: Client, pod: P, cond: SchedulingCondition, nominating: Nominating, now: Date): Promise<void> {
  const patch = podStatusPatch(pod, cond, nominating, now);
  if (!patch) return;
  await client.patch(PODS, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', 'strategic', patch, { subresource: 'status' });
}
