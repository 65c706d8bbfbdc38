/**
 * A failed attempt (upstream's handleSchedulingFailure): count it, remember the per-node verdicts, put the pod back
 * in the queue with the plugins that rejected it (unless it was deleted or bound meanwhile), update the nominator,
 * and tell the user — a FailedScheduling Warning event and the PodScheduled=False condition (reason Unschedulable
 * for rejections, SchedulerError for errors) with the same message.
 */
import type { QueuedPodInfo } from './framework/interface.js';
import { PodInfo, podKey } from './framework/types.js';
import type { Status } from './framework/status.js';
import type { CycleContext } from './cycle-context.js';
import { FitError } from './fit-error.js';
import { asKubeObject } from './informers.js';
import { sinceSeconds } from './metrics.js';
import {
  POD_REASON_SCHEDULER_ERROR,
  POD_REASON_UNSCHEDULABLE,
  updatePodSchedulingStatus,
  type Nominating,
} from './pod-status.js';
import type { Framework } from './runtime/framework.js';

/** Upstream truncates event messages to the API's note length limit. */
export const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(msg: string): string {
  if (msg.length <= NOTE_LENGTH_LIMIT) return msg;
  const suffix = ' ...';
  return msg.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

export interface Failure {
  status: Status;
  nominating: Nominating;
}

/** Requeues the pod as the informer now has it; false when it is gone or already bound (the queue is done with it). */
function requeue(ctx: CycleContext, qpi: QueuedPodInfo, cycle: number): boolean {
  const pod = qpi.podInfo.pod;
  const cached = ctx.podLister.get(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
  if (!cached || cached.metadata?.uid !== pod.metadata?.uid) {
    ctx.logger.info("Pod doesn't exist in informer cache", { pod: podKey(pod) });
  } else if (cached.spec?.nodeName) {
    ctx.logger.info('Pod has been assigned to node. Abort adding it back to queue.', { pod: podKey(pod), node: cached.spec.nodeName });
  } else {
    qpi.podInfo = new PodInfo(cached);
    ctx.queue.addUnschedulableIfNotPresent(qpi, cycle);
    return true;
  }
  ctx.queue.done(pod.metadata?.uid ?? '');
  return false;
}

function updateNominator(ctx: CycleContext, qpi: QueuedPodInfo, nominating: Nominating): void {
  const pod = qpi.podInfo.pod;
  const nodeName = nominating.mode === 'override' ? nominating.nodeName : (pod.status?.nominatedNodeName ?? '');
  if (nodeName) ctx.queue.addNominatedPod(qpi.podInfo, nodeName);
  else ctx.queue.deleteNominatedPodIfExists(pod);
}

export async function handleSchedulingFailure(
  ctx: CycleContext,
  fwk: Framework,
  qpi: QueuedPodInfo,
  f: Failure,
  startMs: number,
  cycle: number,
): Promise<void> {
  const pod = qpi.podInfo.pod;
  const rejected = f.status.isRejected();
  ctx.metrics.scheduleAttempt(rejected ? 'unschedulable' : 'error', fwk.profileName, sinceSeconds(startMs));
  const msg = f.status.message();
  const fit = f.status.err instanceof FitError ? f.status.err : undefined;
  if (fit) {
    qpi.unschedulablePlugins = new Set(fit.diagnosis.unschedulablePlugins);
    qpi.pendingPlugins = new Set(fit.diagnosis.pendingPlugins);
    ctx.logger.debug('Unable to schedule pod; no fit; waiting', { pod: podKey(pod), err: msg });
  } else if (rejected) {
    ctx.logger.debug('Unable to schedule pod; waiting', { pod: podKey(pod), err: msg });
  } else {
    ctx.logger.error('Error scheduling pod; retrying', { pod: podKey(pod), err: msg });
  }
  const stillPending = requeue(ctx, qpi, cycle);
  if (stillPending && fit) ctx.diagnoses.record(pod, ctx.clock.now(), fit.numAllNodes, msg, fit.diagnosis.nodeToStatus);
  updateNominator(ctx, qpi, f.nominating);

  fwk.recorder.event(asKubeObject(pod), 'Warning', 'FailedScheduling', truncateMessage(msg));
  const reason = rejected ? POD_REASON_UNSCHEDULABLE : POD_REASON_SCHEDULER_ERROR;
  try {
    await updatePodSchedulingStatus(ctx.client, pod, { reason, message: msg }, f.nominating, ctx.clock.now());
  } catch (e) {
    ctx.logger.error('Error updating pod', { pod: podKey(pod), err: String(e) });
  }
}
