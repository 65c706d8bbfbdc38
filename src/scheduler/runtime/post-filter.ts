/**
 * PostFilter (upstream's RunPostFilterPlugins): runs when no node fits. The first Success wins (its result, e.g. the
 * nominated node, is returned); UnschedulableAndUnresolvable stops; Unschedulable lets the next plugin try and the
 * reasons of all of them are returned together, attributed to the first rejecting plugin; anything else is Error.
 */
import type { NodeToStatusMap, PostFilterPlugin, PostFilterResult } from '../framework/interface.js';
import type { CycleState } from '../framework/cycle-state.js';
import { Code, isSuccess, Status } from '../framework/status.js';
import type { P } from '../framework/types.js';

export interface PostFilterOutcome {
  result?: PostFilterResult;
  status: Status;
}

export async function runPostFilterPlugins(
  plugins: readonly PostFilterPlugin[],
  state: CycleState,
  pod: P,
  statuses: NodeToStatusMap,
): Promise<PostFilterOutcome> {
  let result: PostFilterResult | undefined;
  const reasons: string[] = [];
  let rejector = '';
  for (const pl of plugins) {
    let out: { result?: PostFilterResult; status: Status };
    try {
      out = await pl.postFilter(state, pod, statuses);
    } catch (e) {
      out = { status: Status.error(e) };
    }
    const s = out.status;
    if (isSuccess(s)) return { ...(out.result ? { result: out.result } : {}), status: Status.SUCCESS };
    if (s.code === Code.UnschedulableAndUnresolvable) return { ...(out.result ? { result: out.result } : {}), status: s.withPlugin(pl.name) };
    if (!s.isRejected()) return { status: Status.error(s.err ?? new Error(s.message())).withPlugin(pl.name) };
    if (out.result?.nominatedNodeName !== undefined) result = out.result;
    reasons.push(...s.reasons);
    rejector ||= pl.name;
  }
  return { ...(result ? { result } : {}), status: Status.unschedulable(...reasons).withPlugin(rejector) };
}
