/**
 * The minimal victims on one node (upstream's SelectVictimsOnNode), on a clone of the node and of the CycleState:
 *
 * 1. Remove every pod of lower priority than the preemptor (PreFilter RemovePod extensions keep the state in step).
 *    None → UnschedulableAndUnresolvable "No preemption victims found for incoming pod".
 * 2. Filter the preemptor against what is left (nominated pods of higher priority included). Still no fit → that
 *    Status: preemption cannot help here.
 * 3. Reprieve: add the removed pods back one at a time, most important first — those whose removal would violate a
 *    PodDisruptionBudget before the others — and keep each one that still lets the preemptor fit; the rest are the
 *    victims. Violating victims that could not be reprieved are counted.
 *
 * Pod affinity of the preemptor to a victim is not considered (upstream does not either: removing all victims
 * first may make such a pod look unschedulable here).
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle } from '../../framework/interface.js';
import { Code, Status } from '../../framework/status.js';
import type { NodeInfo, P, PodInfo } from '../../framework/types.js';
import { byImportance, podPriority } from './importance.js';
import { filterPodsWithPDBViolation, type PDB } from './pdb.js';

export const ERR_NO_VICTIMS = 'No preemption victims found for incoming pod';

export interface Victims {
  /** Most important first. */
  pods: P[];
  numPDBViolations: number;
}

type SimHandle = Pick<Handle, 'runFilterPluginsWithNominatedPods' | 'runPreFilterExtensionAddPod' | 'runPreFilterExtensionRemovePod'>;

/** Add and remove pods on the what-if node, keeping the PreFilter state in step. */
class Simulation {
  constructor(
    private readonly h: SimHandle,
    private readonly state: CycleState,
    private readonly pod: P,
    private readonly nodeInfo: NodeInfo,
  ) {}

  remove(pi: PodInfo): Status {
    if (!this.nodeInfo.removePod(pi.pod)) {
      return Status.error(new Error(`no corresponding pod ${pi.key} in pods of node ${this.nodeInfo.name}`));
    }
    return this.h.runPreFilterExtensionRemovePod(this.state, this.pod, pi, this.nodeInfo);
  }

  add(pi: PodInfo): Status {
    this.nodeInfo.addPodInfo(pi);
    return this.h.runPreFilterExtensionAddPod(this.state, this.pod, pi, this.nodeInfo);
  }

  fits(): Status {
    return this.h.runFilterPluginsWithNominatedPods(this.state, this.pod, this.nodeInfo);
  }
}

const asError = (s: Status): Status => (s.code === Code.Error ? s : Status.error(s.err ?? new Error(s.message())));

/** `state` and `nodeInfo` must be clones: both are changed. `now` (ms) stands in for missing start times. */
export function selectVictimsOnNode(
  h: SimHandle,
  state: CycleState,
  pod: P,
  nodeInfo: NodeInfo,
  pdbs: readonly PDB[],
  now: number,
): { victims?: Victims; status: Status } {
  const sim = new Simulation(h, state, pod, nodeInfo);
  const prio = podPriority(pod);
  const potential = nodeInfo.pods.filter((pi) => podPriority(pi.pod) < prio);
  for (const pi of potential) {
    const s = sim.remove(pi);
    if (!s.isSuccess()) return { status: asError(s) };
  }
  if (potential.length === 0) return { status: Status.unresolvable(ERR_NO_VICTIMS) };
  const fit = sim.fits();
  if (!fit.isSuccess()) return { status: fit };

  const order = byImportance(now);
  potential.sort((a, b) => order(a.pod, b.pod));
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs);
  const victims: P[] = [];
  // Returns whether the pod stays (reprieved), or an error Status.
  const reprieve = (pi: PodInfo): boolean | Status => {
    let s = sim.add(pi);
    if (!s.isSuccess()) return asError(s);
    if (sim.fits().isSuccess()) return true;
    s = sim.remove(pi);
    if (!s.isSuccess()) return asError(s);
    victims.push(pi.pod);
    return false;
  };
  let numPDBViolations = 0;
  for (const pi of violating) {
    const r = reprieve(pi);
    if (r instanceof Status) return { status: r };
    if (!r) numPDBViolations++;
  }
  for (const pi of nonViolating) {
    const r = reprieve(pi);
    if (r instanceof Status) return { status: r };
  }
  // Violating victims came first: put the list back in importance order.
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(order);
  return { victims: { pods: victims, numPDBViolations }, status: Status.success() };
}
