/**
 * Run functions of the reserve, permit and binding points (upstream's RunReservePluginsReserve/Unreserve,
 * RunPermitPlugins, WaitOnPermit, RunPreBindPlugins, RunBindPlugins, RunPostBindPlugins). A rejection keeps its
 * code and names the plugin; any other failure becomes an Error "running <Point> plugin "X": …".
 */
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { BindPlugin, PermitPlugin, PostBindPlugin, PreBindPlugin, ReservePlugin } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import { isSuccess, Status } from '../framework/status.js';
import type { P } from '../framework/types.js';
import { MAX_PERMIT_WAIT_MS, WaitingPodImpl, type WaitingPodsMap } from './waiting-pods.js';

const wrapError = (what: string, s: Status | undefined): Status =>
  Status.error(new Error(`${what}: ${s?.message() ?? 'returned no status'}`));

/** A failed status as the caller sees it: rejections kept, everything else wrapped into an Error. */
function failure(point: string, plugin: string, s: Status): Status {
  if (s.isRejected()) return s.withPlugin(plugin);
  return wrapError(`running ${point} plugin ${JSON.stringify(plugin)}`, s).withPlugin(plugin);
}

function call<T>(fn: () => T, onThrow: (e: unknown) => T): T {
  try {
    return fn();
  } catch (e) {
    return onThrow(e);
  }
}

export function runReserve(plugins: readonly ReservePlugin[], state: CycleState, pod: P, nodeName: string): Status {
  for (const pl of plugins) {
    const s = call(() => pl.reserve(state, pod, nodeName), Status.error);
    if (!isSuccess(s)) return failure('Reserve', pl.name, s);
  }
  return Status.SUCCESS;
}

/** Unreserve runs on every Reserve plugin, in reverse order, whatever Reserve returned; it cannot fail. */
export function runUnreserve(plugins: readonly ReservePlugin[], state: CycleState, pod: P, nodeName: string, log: Logger): void {
  for (let i = plugins.length - 1; i >= 0; i--) {
    const pl = plugins[i]!;
    try {
      pl.unreserve(state, pod, nodeName);
    } catch (e) {
      log.error('Unreserve plugin failed', { plugin: pl.name, err: String(e) });
    }
  }
}

/**
 * Permit: a rejection or error stops at once; Wait from any plugin (timeouts capped at 15 min) registers the pod in
 * `waiting` and returns Wait; the binding cycle then blocks in waitOnPermit.
 */
export function runPermit(
  plugins: readonly PermitPlugin[],
  state: CycleState,
  pod: P,
  nodeName: string,
  waiting: WaitingPodsMap,
  clock: Clock,
): Status {
  const waits = new Map<string, number>();
  for (const pl of plugins) {
    const { status, timeoutMs } = call(() => pl.permit(state, pod, nodeName), (e) => ({ status: Status.error(e), timeoutMs: 0 }));
    if (isSuccess(status)) continue;
    if (status.isWait()) {
      waits.set(pl.name, Math.min(Math.max(timeoutMs, 0), MAX_PERMIT_WAIT_MS));
      continue;
    }
    return failure('Permit', pl.name, status);
  }
  if (waits.size === 0) return Status.SUCCESS;
  waiting.add(pod.metadata?.uid ?? '', new WaitingPodImpl(pod, waits, clock));
  return Status.wait(`one or more plugins asked to wait and no plugin rejected pod ${JSON.stringify(pod.metadata?.name ?? '')}`);
}

/** Resolves once a waiting pod is allowed (Success) or rejected (Unschedulable naming the plugin); Success at once if it does not wait. */
export async function waitOnPermit(waiting: WaitingPodsMap, pod: P): Promise<Status> {
  const uid = pod.metadata?.uid ?? '';
  const wp = waiting.get(uid);
  if (!wp) return Status.SUCCESS;
  try {
    const s = await wp.result;
    if (s.isSuccess() || s.isRejected()) return s;
    return wrapError('waiting on permit for pod', s).withPlugin(s.plugin);
  } finally {
    waiting.remove(uid);
  }
}

export async function runPreBind(plugins: readonly PreBindPlugin[], state: CycleState, pod: P, nodeName: string): Promise<Status> {
  for (const pl of plugins) {
    let s: Status;
    try {
      s = await pl.preBind(state, pod, nodeName);
    } catch (e) {
      s = Status.error(e);
    }
    if (!isSuccess(s)) return failure('PreBind', pl.name, s);
  }
  return Status.SUCCESS;
}

/** The first Bind plugin that does not Skip decides; Skip from all of them (or none configured) is returned as Skip. */
export async function runBind(plugins: readonly BindPlugin[], state: CycleState, pod: P, nodeName: string): Promise<Status> {
  let last: Status = Status.skip();
  for (const pl of plugins) {
    let s: Status;
    try {
      s = await pl.bind(state, pod, nodeName);
    } catch (e) {
      s = Status.error(e);
    }
    if (s?.isSkip()) {
      last = s;
      continue;
    }
    return isSuccess(s) ? Status.SUCCESS : failure('Bind', pl.name, s);
  }
  return last;
}

/** PostBind is informational: every plugin runs, failures are logged. */
export function runPostBind(plugins: readonly PostBindPlugin[], state: CycleState, pod: P, nodeName: string, log: Logger): void {
  for (const pl of plugins) {
    try {
      pl.postBind(state, pod, nodeName);
    } catch (e) {
      log.error('PostBind plugin failed', { plugin: pl.name, err: String(e) });
    }
  }
}
