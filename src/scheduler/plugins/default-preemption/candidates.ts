/**
 * Finding preemption candidates (upstream's findCandidates and DryRunPreemption). Only nodes that filters rejected
 * as Unschedulable can be helped by removing pods; UnschedulableAndUnresolvable ones (node affinity, taints …) and
 * nodes without a verdict cannot. The dry run starts at a random offset in the potential nodes and wraps around,
 * so that successive preemptors do not all pile onto the first nodes, and stops as soon as it has `numCandidates`
 * candidates of which at least one violates no PodDisruptionBudget.
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle, NodeInfoLister, NodeToStatusMap } from '../../framework/interface.js';
import { Code, Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import type { PDB } from './pdb.js';
import { selectVictimsOnNode, type Victims } from './select-victims.js';

export interface Candidate {
  /** The node to nominate. */
  name: string;
  victims: Victims;
}

/** Nodes whose verdict was Unschedulable, in snapshot order. */
export function nodesWherePreemptionMightHelp(nodes: NodeInfoLister, statuses: NodeToStatusMap): NodeInfo[] {
  return nodes.list().filter((n) => statuses.get(n.name)?.code === Code.Unschedulable);
}

export interface DryRunInput {
  handle: Pick<Handle, 'runFilterPluginsWithNominatedPods' | 'runPreFilterExtensionAddPod' | 'runPreFilterExtensionRemovePod'>;
  state: CycleState;
  pod: P;
  potentialNodes: readonly NodeInfo[];
  pdbs: readonly PDB[];
  offset: number;
  numCandidates: number;
  /** ms, for victims without a start time. */
  now: number;
}

export interface DryRunOutput {
  /** Candidates that violate no budget first, then the others, each group in the order found. */
  candidates: Candidate[];
  /** Why each node checked without becoming a candidate was not one. */
  statuses: NodeToStatusMap;
  /** Error statuses met on the way (they fail preemption only when no candidate was found). */
  errors: Status[];
}

export function dryRunPreemption(i: DryRunInput): DryRunOutput {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const statuses: NodeToStatusMap = new Map();
  const errors: Status[] = [];
  const n = i.potentialNodes.length;
  for (let k = 0; k < n; k++) {
    const nodeInfo = i.potentialNodes[(i.offset + k) % n]!.clone();
    const { victims, status } = selectVictimsOnNode(i.handle, i.state.clone(), i.pod, nodeInfo, i.pdbs, i.now);
    if (status.isSuccess() && victims && victims.pods.length > 0) {
      const group = victims.numPDBViolations === 0 ? nonViolating : violating;
      // Each group holds at most numCandidates (upstream's fixed-size candidate lists drop the excess).
      if (group.length < i.numCandidates) group.push({ name: nodeInfo.name, victims });
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= i.numCandidates) break;
      continue;
    }
    const s = status.isSuccess() ? Status.error(new Error(`expected at least one victim pod on node "${nodeInfo.name}"`)) : status;
    if (s.code === Code.Error) errors.push(s);
    statuses.set(nodeInfo.name, s);
  }
  return { candidates: [...nonViolating, ...violating], statuses, errors };
}

/** One Error Status for the errors (upstream's aggregate: one message, or several in brackets). */
export function aggregateErrors(errors: readonly Status[]): Status {
  const msgs = errors.map((s) => s.message());
  const msg = msgs.length === 1 ? msgs[0]! : `[${msgs.join(', ')}]`;
  return Status.error(new Error(msg));
}
