/**
 * The taints this controller owns on a node, derived from its conditions (upstream's doNoScheduleTaintingPass and
 * doNoExecuteTaintingPass): Ready False → not-ready, Ready Unknown → unreachable, each with NoSchedule and NoExecute;
 * pressure and network conditions and spec.unschedulable → NoSchedule only. Taints of other keys are never touched;
 * a taint that stays keeps its timeAdded.
 */
import { nodeCondition, TAINT_NODE_DISK_PRESSURE, TAINT_NODE_MEMORY_PRESSURE, TAINT_NODE_NETWORK_UNAVAILABLE, TAINT_NODE_NOT_READY, TAINT_NODE_PID_PRESSURE, TAINT_NODE_UNREACHABLE, TAINT_NODE_UNSCHEDULABLE, timeString } from './types.js';
import type { NodeObject, Taint } from './types.js';

/** (condition, status) → taint key, as upstream's nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: readonly { type: string; status: string; key: string }[] = [
  { type: 'Ready', status: 'False', key: TAINT_NODE_NOT_READY },
  { type: 'Ready', status: 'Unknown', key: TAINT_NODE_UNREACHABLE },
  { type: 'MemoryPressure', status: 'True', key: TAINT_NODE_MEMORY_PRESSURE },
  { type: 'DiskPressure', status: 'True', key: TAINT_NODE_DISK_PRESSURE },
  { type: 'PIDPressure', status: 'True', key: TAINT_NODE_PID_PRESSURE },
  { type: 'NetworkUnavailable', status: 'True', key: TAINT_NODE_NETWORK_UNAVAILABLE },
];

const NO_EXECUTE_KEYS = new Set([TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE]);
const OWNED_KEYS = new Set([...CONDITION_TAINTS.map((c) => c.key), TAINT_NODE_UNSCHEDULABLE]);

const taintId = (t: Pick<Taint, 'key' | 'effect'>): string => `${t.key}:${t.effect}`;

/** The controller's taints the node's conditions call for (keys and effects only). */
export function wantedTaints(node: Readonly<NodeObject>): Pick<Taint, 'key' | 'effect'>[] {
  const out: Pick<Taint, 'key' | 'effect'>[] = [];
  for (const c of CONDITION_TAINTS) {
    if (nodeCondition(node, c.type)?.status !== c.status) continue;
    out.push({ key: c.key, effect: 'NoSchedule' });
    if (NO_EXECUTE_KEYS.has(c.key)) out.push({ key: c.key, effect: 'NoExecute' });
  }
  if (node.spec?.unschedulable) out.push({ key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' });
  return out;
}

/** The node's new taint list, or undefined when it already is right. New taints get timeAdded = now. */
export function reconcileTaints(node: Readonly<NodeObject>, now: Date): Taint[] | undefined {
  const current = node.spec?.taints ?? [];
  const wanted = wantedTaints(node);
  const wantedIds = new Set(wanted.map(taintId));
  const kept = current.filter((t) => !OWNED_KEYS.has(t.key) || (wantedIds.has(taintId(t)) && t.effect !== 'PreferNoSchedule'));
  const keptIds = new Set(kept.map(taintId));
  const added = wanted.filter((t) => !keptIds.has(taintId(t))).map((t) => ({ ...t, timeAdded: timeString(now) }));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added].map((t) => ({ ...t }));
}

/** The node's NoExecute taints (the taint manager's input). */
export const noExecuteTaints = (node: Readonly<NodeObject> | undefined): readonly Taint[] =>
  (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
