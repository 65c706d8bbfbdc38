/**
 * Why no node fits (upstream's framework.Diagnosis and FitError). The message is the one users know from
 * FailedScheduling events and the PodScheduled condition:
 *
 *   0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.
 *
 * Worked example of the counting: every reason of every node's Status is counted once per node ("1 Insufficient
 * cpu" when one node said so; a node rejected with two reasons counts in both); nodes absent from the map (PreFilter
 * narrowed the candidates) count with the absent-nodes status. The "<count> <reason>" strings are then sorted as
 * strings (so "10 …" sorts before "2 …", as upstream) and joined with ", ". A PreFilter rejection replaces the
 * histogram with its own message; the PostFilter message (preemption) is appended as is.
 */
import type { NodeToStatusMap } from './framework/interface.js';
import { Code, Status } from './framework/status.js';
import type { P } from './framework/types.js';

export const NO_NODE_AVAILABLE_MSG = (n: number): string => `0/${n} nodes are available`;

export class Diagnosis {
  /** Node name → the status that rejected it. */
  readonly nodeToStatus: NodeToStatusMap = new Map();
  /** The status of nodes not in nodeToStatus (default: UnschedulableAndUnresolvable, no reason). */
  absentNodesStatus: Status = new Status(Code.UnschedulableAndUnresolvable);
  /** Plugins that rejected the pod (their cluster events may make it schedulable). */
  readonly unschedulablePlugins = new Set<string>();
  readonly pendingPlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';

  /** Notes which plugin a rejection came from (upstream's AddPluginStatus). */
  addPluginStatus(s: Status): void {
    if (!s.plugin) return;
    if (s.isRejected()) this.unschedulablePlugins.add(s.plugin);
    if (s.code === Code.Pending) this.pendingPlugins.add(s.plugin);
  }
}

/** Not an Error subclass: its message is computed on demand, since the PostFilter message comes after it is made. */
export class FitError {
  readonly name = 'FitError';

  constructor(
    readonly pod: P,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  get message(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }

  toString(): string {
    return this.message;
  }
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NO_NODE_AVAILABLE_MSG(numAllNodes)}:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const histogram = reasonHistogram(numAllNodes, d);
    if (histogram.length) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

function reasonHistogram(numAllNodes: number, d: Diagnosis): string[] {
  const counts = new Map<string, number>();
  for (const s of d.nodeToStatus.values()) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const absent = numAllNodes - d.nodeToStatus.size;
  if (absent > 0) for (const r of d.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
  const out = [...counts].map(([reason, n]) => `${n} ${reason}`);
  // Plain code-unit order, as Go's sort.Strings.
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A rejection at one node outside Filter (Reserve, Permit, PreBind): "0/1 nodes are available: 1 <reason>." */
export function singleNodeFitError(pod: P, nodeName: string, s: Status): FitError {
  const d = new Diagnosis();
  d.nodeToStatus.set(nodeName, s);
  d.addPluginStatus(s);
  return new FitError(pod, 1, d);
}

/** The Status a scheduling attempt fails with when no node fits: the code, and the FitError as its message. */
export const fitErrorStatus = (code: Code, e: FitError): Status => new Status(code, [e.message], e);
