/**
 * Carrying out a preemption on the chosen node (upstream's prepareCandidate and PreemptPod). For each victim:
 * a pod waiting in Permit is rejected (it holds no node yet); otherwise a status patch first marks it with the
 * DisruptionTarget condition (reason PreemptionByScheduler, so that the kubelet, controllers and the preemptor's
 * next attempt know why it goes), then it is deleted gracefully (no grace override: the pod's own
 * terminationGracePeriodSeconds applies). A victim already gone counts as preempted. Each preempted victim gets a
 * "Preempted" event. Victims already terminating are left alone: their deletion is under way.
 *
 * Then lower-priority pods nominated to the same node lose their nomination (status patch): the room they were
 * promised is now the preemptor's, and the update sends them back to the active queue to look elsewhere.
 */
import type { PodCondition } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../client/interface.js';
import { PODS } from '../../../client/resources.js';
import { isNotFoundStatus } from '../../../machinery/errors/status.js';
import { formatRFC3339 } from '../../../machinery/meta/timestamp.js';
import type { Handle } from '../../framework/interface.js';
import { podKey, type P } from '../../framework/types.js';
import { DISRUPTION_TARGET, REASON_PREEMPTION_BY_SCHEDULER } from './eligibility.js';
import { podPriority } from './importance.js';

export type PrepareHandle = Pick<Handle, 'client' | 'recorder' | 'logger' | 'clock' | 'nominator' | 'getWaitingPod'>;

const asObject = (p: P): Readonly<KubeObject> => p as unknown as Readonly<KubeObject>;

/** The DisruptionTarget condition to set on a victim, or undefined when it already has it as wanted. */
export function disruptionCondition(victim: P, preemptor: P, now: Date): PodCondition | undefined {
  const message = `${preemptor.spec?.schedulerName ?? ''}: preempting to accommodate a higher priority pod`;
  const old = (victim.status?.conditions ?? []).find((c) => c.type === DISRUPTION_TARGET);
  if (old?.status === 'True' && old.reason === REASON_PREEMPTION_BY_SCHEDULER && old.message === message) return undefined;
  const lastTransitionTime = old?.status === 'True' && old.lastTransitionTime ? old.lastTransitionTime : formatRFC3339(now);
  return { type: DISRUPTION_TARGET, status: 'True', reason: REASON_PREEMPTION_BY_SCHEDULER, message, lastTransitionTime };
}

/** Runs `call`; a NotFound answer means the victim is gone already (false), any other error is thrown. */
async function unlessGone(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (e) {
    if (isNotFoundStatus(e)) return false;
    throw e;
  }
}

/** Preempts one victim. Throws on an API error other than NotFound. */
export async function preemptPod(h: PrepareHandle, pluginName: string, preemptor: P, victim: P, nodeName: string): Promise<void> {
  const ns = victim.metadata?.namespace ?? '';
  const name = victim.metadata?.name ?? '';
  const waiting = victim.metadata?.uid ? h.getWaitingPod(victim.metadata.uid) : undefined;
  if (waiting) {
    waiting.reject(pluginName, 'preempted');
  } else {
    const condition = disruptionCondition(victim, preemptor, h.clock.now());
    const patch = { status: { conditions: [condition] } };
    if (condition && !(await unlessGone(() => h.client.patch(PODS, ns, name, 'strategic', patch, { subresource: 'status' })))) return;
    if (!(await unlessGone(() => h.client.delete(PODS, ns, name)))) return;
    h.logger.debug('Preemptor Pod preempted victim Pod', { preemptor: podKey(preemptor), victim: podKey(victim), node: nodeName });
  }
  h.recorder.event(asObject(victim), 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata?.uid ?? ''} on node ${nodeName}`);
}

/** Pods nominated to `nodeName` with a lower priority than `pod` (upstream's getLowerPriorityNominatedPods). */
export function lowerPriorityNominatedPods(h: Pick<Handle, 'nominator'>, pod: P, nodeName: string): P[] {
  const prio = podPriority(pod);
  return h.nominator
    .nominatedPodsForNode(nodeName)
    .map((pi) => pi.pod)
    .filter((p) => podPriority(p) < prio);
}

/** Clears status.nominatedNodeName of each pod that has one; failures are logged, not returned. */
export async function clearNominatedNodeName(h: Pick<Handle, 'client' | 'logger'>, pods: readonly P[]): Promise<void> {
  const patch = { status: { nominatedNodeName: null } };
  await Promise.all(
    pods
      .filter((p) => p.status?.nominatedNodeName)
      .map(async (p) => {
        try {
          await h.client.patch(PODS, p.metadata?.namespace ?? '', p.metadata?.name ?? '', 'strategic', patch, { subresource: 'status' });
        } catch (e) {
          h.logger.error("Cannot clear 'NominatedNodeName' field", { pod: podKey(p), err: e instanceof Error ? e.message : String(e) });
        }
      }),
  );
}

/**
 * Preempts every victim (concurrently; the first failure is thrown once all calls have settled), then clears the
 * nominations of lower-priority pods on the node.
 */
export async function prepareCandidate(h: PrepareHandle, pluginName: string, preemptor: P, nodeName: string, victims: readonly P[]): Promise<void> {
  const results = await Promise.allSettled(
    victims.filter((v) => !v.metadata?.deletionTimestamp).map((v) => preemptPod(h, pluginName, preemptor, v, nodeName)),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  await clearNominatedNodeName(h, lowerPriorityNominatedPods(h, preemptor, nodeName));
}
