/**
 * The binding cycle of a scheduled pod (upstream's bindingCycle / handleBindingCycleError), run asynchronously
 * while the scheduler goes on with the next pods:
 *
 *   WaitOnPermit → queue.done → PreBind → Bind (→ cache.finishBinding, "Scheduled" event) → PostBind
 *
 * On failure: Unreserve (reverse order), forget the assumed pod (its room is free again: an AssignedPodDelete
 * event retries pods that wanted it), then the usual failure path with the nomination cleared.
 *
 * `slots` bounds concurrent binding work; a pod waiting at Permit gives its slot back while it waits, so pods held
 * by a gang (Coscheduling-style) plugin cannot stop the pods that would release them from binding.
 */
import type { CycleContext } from './cycle-context.js';
import { EVENT_ASSIGNED_POD_DELETE } from './cluster-events.js';
import { handleSchedulingFailure } from './failure.js';
import { fitErrorStatus, singleNodeFitError } from './fit-error.js';
import { Status } from './framework/status.js';
import { podKey } from './framework/types.js';
import { asKubeObject } from './informers.js';
import { sinceSeconds } from './metrics.js';
import { CLEAR_NOMINATED_NODE } from './pod-status.js';
import type { ScheduledPod } from './schedule-one.js';

export interface Slots {
  acquire(): Promise<void>;
  release(): void;
}

const rejection = (sp: ScheduledPod, s: Status): Status =>
  s.isRejected() ? fitErrorStatus(s.code, singleNodeFitError(sp.assumed, sp.host, s)) : s;

async function bind(ctx: CycleContext, sp: ScheduledPod): Promise<Status> {
  const s = await sp.fwk.runBindPlugins(sp.state, sp.assumed, sp.host);
  ctx.cache.finishBinding(sp.assumed);
  if (s.isSuccess()) {
    sp.fwk.recorder.event(asKubeObject(sp.assumed), 'Normal', 'Scheduled', `Successfully assigned ${podKey(sp.assumed)} to ${sp.host}`);
  }
  return s;
}

async function bindingCycle(ctx: CycleContext, sp: ScheduledPod, slots: Slots): Promise<Status> {
  const { fwk, state, assumed, host } = sp;
  if (fwk.getWaitingPod(assumed.metadata?.uid ?? '')) {
    slots.release();
    try {
      const permit = await fwk.waitOnPermit(assumed);
      if (!permit.isSuccess()) return rejection(sp, permit);
    } finally {
      await slots.acquire();
    }
  }
  // Rejections after this point are not "unschedulable" verdicts the queue must track any more.
  ctx.queue.done(assumed.metadata?.uid ?? '');
  const pre = await fwk.runPreBindPlugins(state, assumed, host);
  if (!pre.isSuccess()) return rejection(sp, pre);
  const bound = await bind(ctx, sp);
  if (!bound.isSuccess()) return bound;
  ctx.logger.debug('Successfully bound pod to node', { pod: podKey(assumed), node: host });
  ctx.metrics.scheduleAttempt('scheduled', fwk.profileName, sinceSeconds(sp.startMs));
  ctx.metrics.podSchedulingAttempts(sp.qpi.attempts);
  ctx.diagnoses.delete(assumed);
  fwk.runPostBindPlugins(state, assumed, host);
  return Status.SUCCESS;
}

async function handleBindingCycleError(ctx: CycleContext, sp: ScheduledPod, status: Status): Promise<void> {
  const { fwk, state, assumed, host } = sp;
  fwk.runReservePluginsUnreserve(state, assumed, host);
  let forgotten = false;
  try {
    ctx.cache.forgetPod(assumed);
    forgotten = true;
  } catch (e) {
    ctx.logger.error('Scheduler cache ForgetPod failed', { pod: podKey(assumed), err: String(e) });
  }
  // A rejected pod itself must not be moved by its own forgetting: requeue it first, then announce the room.
  if (forgotten && !status.isRejected()) ctx.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, assumed, undefined);
  const failed = handleSchedulingFailure(ctx, fwk, sp.qpi, { status, nominating: CLEAR_NOMINATED_NODE }, sp.startMs, sp.cycle);
  if (forgotten && status.isRejected()) ctx.queue.moveAllToActiveOrBackoffQueue(EVENT_ASSIGNED_POD_DELETE, assumed, undefined);
  await failed;
}

/** Runs the binding cycle in a slot already acquired by the caller; releases it at the end. Never throws. */
export async function runBindingCycle(ctx: CycleContext, sp: ScheduledPod, slots: Slots): Promise<void> {
  try {
    let status: Status;
    try {
      status = await bindingCycle(ctx, sp, slots);
    } catch (e) {
      status = Status.error(e);
    }
    if (!status.isSuccess()) await handleBindingCycleError(ctx, sp, status);
  } catch (e) {
    ctx.logger.error('Binding cycle failed', { pod: podKey(sp.assumed), err: String(e) });
  } finally {
    slots.release();
  }
}
