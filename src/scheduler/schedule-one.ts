/**
 * One scheduling cycle (upstream's scheduleOne / schedulingCycle / schedulePod), for a pod popped from the queue:
 *
 *   skip deleted or already assumed pods → update the snapshot → PreFilter + Filter (find-nodes.ts)
 *   → no node: PostFilter (preemption) and the failure path (failure.ts)
 *   → one node: take it; several: PreScore + Score and the best (select-host.ts)
 *   → assume the pod on that node in the cache → Reserve → Permit.
 *
 * The cycle is synchronous up to PostFilter, so the snapshot cannot change under Filter and Score. On success the
 * caller runs the binding cycle (binding-cycle.ts) asynchronously and goes on with the next pod.
 */
import { CycleState } from './framework/cycle-state.js';
import type { QueuedPodInfo } from './framework/interface.js';
import { Code, Status } from './framework/status.js';
import { podKey, type P } from './framework/types.js';
import type { CycleContext } from './cycle-context.js';
import { handleSchedulingFailure, type Failure } from './failure.js';
import { findNodesThatFitPod } from './find-nodes.js';
import { FitError, fitErrorStatus, singleNodeFitError, type Diagnosis } from './fit-error.js';
import { asKubeObject } from './informers.js';
import { CLEAR_NOMINATED_NODE, NOMINATING_NOOP } from './pod-status.js';
import type { Framework } from './runtime/framework.js';
import { prioritizeNodes, selectHost } from './select-host.js';

export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** A pod with a node, assumed, reserved and permitted: what the binding cycle needs. */
export interface ScheduledPod {
  fwk: Framework;
  state: CycleState;
  qpi: QueuedPodInfo;
  /** The pod with spec.nodeName = host, as assumed in the cache. */
  assumed: P;
  host: string;
  /** performance.now() when the attempt started. */
  startMs: number;
  /** The queue's scheduling cycle when the pod was popped. */
  cycle: number;
}

type Outcome = { host: string } | { failure: Failure };

/** Gives every node without a verdict the absent-nodes status, so PostFilter and the diagnosis see all nodes. */
function fillAbsentNodes(ctx: CycleContext, d: Diagnosis): void {
  if (d.nodeToStatus.size >= ctx.snapshot.numNodes()) return;
  for (const info of ctx.snapshot.list()) if (!d.nodeToStatus.has(info.name)) d.nodeToStatus.set(info.name, d.absentNodesStatus);
}

async function noFit(ctx: CycleContext, fwk: Framework, state: CycleState, pod: P, d: Diagnosis): Promise<Failure> {
  const fitError = new FitError(pod, ctx.snapshot.numNodes(), d);
  fillAbsentNodes(ctx, d);
  if (!fwk.hasPostFilterPlugins()) return { status: fitErrorStatus(Code.Unschedulable, fitError), nominating: NOMINATING_NOOP };
  const out = await fwk.runPostFilterPlugins(state, pod, d.nodeToStatus);
  d.postFilterMsg = out.status.message();
  if (out.status.code === Code.Error) ctx.logger.error('Status after running PostFilter plugins for pod', { pod: podKey(pod), status: d.postFilterMsg });
  const nominated = out.result?.nominatedNodeName;
  return {
    status: fitErrorStatus(Code.Unschedulable, fitError),
    nominating: nominated !== undefined ? { mode: 'override', nodeName: nominated } : NOMINATING_NOOP,
  };
}

/** Picks a node: Filter, then Score when more than one fits. */
async function schedulePod(ctx: CycleContext, fwk: Framework, state: CycleState, pod: P): Promise<Outcome> {
  if (ctx.snapshot.numNodes() === 0) {
    const status = new Status(Code.UnschedulableAndUnresolvable, [ERR_NO_NODES_AVAILABLE], new Error(ERR_NO_NODES_AVAILABLE));
    return { failure: { status, nominating: CLEAR_NOMINATED_NODE } };
  }
  const found = findNodesThatFitPod(ctx, fwk, state, pod);
  if (found.error) return { failure: { status: found.error, nominating: CLEAR_NOMINATED_NODE } };
  if (found.feasible.length === 0) return { failure: await noFit(ctx, fwk, state, pod, found.diagnosis) };
  if (found.feasible.length === 1) return { host: found.feasible[0]!.name };
  const { totals, status } = prioritizeNodes(fwk, state, pod, found.feasible);
  if (!status.isSuccess()) return { failure: { status, nominating: CLEAR_NOMINATED_NODE } };
  return { host: selectHost(totals, ctx.random)! };
}

/** A rejection at Reserve or Permit reads like a FitError over the one chosen node. */
function rejectedAt(pod: P, host: string, s: Status): Failure {
  const status = s.isRejected() ? fitErrorStatus(s.code, singleNodeFitError(pod, host, s)) : s;
  return { status, nominating: CLEAR_NOMINATED_NODE };
}

/** Assume → Reserve → Permit; on failure everything is undone (Unreserve in reverse, forget). */
function reserveAndPermit(ctx: CycleContext, fwk: Framework, state: CycleState, pod: P, host: string): { assumed: P } | { failure: Failure } {
  const assumed: P = { ...pod, spec: { ...pod.spec!, nodeName: host } };
  try {
    ctx.cache.assumePod(assumed);
  } catch (e) {
    return { failure: { status: Status.error(e), nominating: CLEAR_NOMINATED_NODE } };
  }
  ctx.queue.deleteNominatedPodIfExists(assumed);
  const undo = (s: Status): { failure: Failure } => {
    fwk.runReservePluginsUnreserve(state, assumed, host);
    try {
      ctx.cache.forgetPod(assumed);
    } catch (e) {
      ctx.logger.error('Scheduler cache ForgetPod failed', { pod: podKey(pod), err: String(e) });
    }
    return { failure: rejectedAt(pod, host, s) };
  };
  const reserve = fwk.runReservePluginsReserve(state, assumed, host);
  if (!reserve.isSuccess()) return undo(reserve);
  const permit = fwk.runPermitPlugins(state, assumed, host);
  if (!permit.isSuccess() && !permit.isWait()) return undo(permit);
  return { assumed };
}

function skipPodSchedule(ctx: CycleContext, fwk: Framework, pod: P): boolean {
  if (pod.metadata?.deletionTimestamp) {
    fwk.recorder.event(asKubeObject(pod), 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${podKey(pod)}`);
    return true;
  }
  // An assumed pod is being bound; an update raced it back into the queue.
  return ctx.cache.isAssumedPod(pod);
}

/**
 * Runs the scheduling cycle of `qpi`. Returns the binding work on success; on failure the pod has been requeued
 * and the user-facing writes (event, status patch) are handed to `background`.
 */
export async function scheduleOne(ctx: CycleContext, qpi: QueuedPodInfo, background: (p: Promise<void>) => void): Promise<ScheduledPod | undefined> {
  const pod = qpi.podInfo.pod;
  const uid = pod.metadata?.uid ?? '';
  const fwk = ctx.frameworkForPod(pod);
  if (!fwk) {
    ctx.logger.error('Error occurred: no profile for the pod', { pod: podKey(pod), schedulerName: pod.spec?.schedulerName });
    ctx.queue.done(uid);
    return undefined;
  }
  if (skipPodSchedule(ctx, fwk, pod)) {
    ctx.queue.done(uid);
    return undefined;
  }
  const cycle = ctx.queue.schedulingCycle();
  const startMs = performance.now();
  const state = new CycleState();
  ctx.cache.updateSnapshot(ctx.snapshot);
  const picked = await schedulePod(ctx, fwk, state, pod);
  const placed = 'host' in picked ? reserveAndPermit(ctx, fwk, state, pod, picked.host) : picked;
  if ('failure' in placed) {
    background(handleSchedulingFailure(ctx, fwk, qpi, placed.failure, startMs, cycle));
    return undefined;
  }
  return { fwk, state, qpi, assumed: placed.assumed, host: (picked as { host: string }).host, startMs, cycle };
}
