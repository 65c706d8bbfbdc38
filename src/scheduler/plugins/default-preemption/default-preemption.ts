/**
 * DefaultPreemption (PostFilter): when no node fits a pod, find a node where evicting lower-priority pods would
 * make it fit, evict the fewest and least important of them, and nominate that node for the pod (upstream's
 * DefaultPreemption plugin with its preemption Evaluator). The steps:
 *
 * 0. Read the latest pod from the informer (the queue's copy may predate a nomination).
 * 1. Eligibility (eligibility.ts): preemptionPolicy Never, or still waiting for earlier victims → Unschedulable.
 * 2. Candidates (candidates.ts, select-victims.ts): a dry run over the nodes rejected as Unschedulable.
 *    None → Unschedulable with a FitError-shaped message and an empty nomination (clears a stale one).
 * 3. The best candidate (select.ts), then 4. the evictions and nomination clean-up (prepare.ts).
 *
 * Every message is prefixed "preemption: ", as it is appended to the pod's FailedScheduling message.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../client/interface.js';
import { PDBS, PODS } from '../../../client/resources.js';
import { newNotFound } from '../../../machinery/errors/status.js';
import { Diagnosis, fitErrorMessage } from '../../fit-error.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Handle, NodeInfoLister, NodeToStatusMap, PostFilterPlugin, PostFilterResult } from '../../framework/interface.js';
import { Status } from '../../framework/status.js';
import { podKey, type P } from '../../framework/types.js';
import { calculateNumCandidates, type DefaultPreemptionArgs } from './args.js';
import { aggregateErrors, dryRunPreemption, nodesWherePreemptionMightHelp, type Candidate, type DryRunOutput } from './candidates.js';
import { podIneligibleReason } from './eligibility.js';
import type { PDB } from './pdb.js';
import { prepareCandidate } from './prepare.js';
import { selectCandidate } from './select.js';

export const NAME = 'DefaultPreemption';

/** The verdict of nodes the dry run did not look at (absent from its statuses). */
export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_NO_CANDIDATE = 'no candidate node for preemption';

type Outcome = { result?: PostFilterResult; status: Status };

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = NAME;

  /** `random` returns [0, 1) and picks the dry run's starting node; tests pass a fixed one. */
  constructor(
    readonly args: DefaultPreemptionArgs,
    private readonly h: Handle,
    private readonly random: () => number = Math.random,
  ) {}

  async postFilter(state: CycleState, pod: P, statuses: NodeToStatusMap): Promise<Outcome> {
    const { result, status } = await this.preempt(state, pod, statuses);
    const msg = status.message();
    const prefixed = msg ? new Status(status.code, [`preemption: ${msg}`], status.err) : status;
    return { ...(result ? { result } : {}), status: prefixed };
  }

  /** A random start in [0, numNodes) and how many candidates to look for. */
  offsetAndNumCandidates(numNodes: number): { offset: number; numCandidates: number } {
    return { offset: Math.floor(this.random() * numNodes), numCandidates: calculateNumCandidates(this.args, numNodes) };
  }

  private async preempt(state: CycleState, queued: P, statuses: NodeToStatusMap): Promise<Outcome> {
    const ns = queued.metadata?.namespace ?? '';
    const name = queued.metadata?.name ?? '';
    const pod = this.h.informers.informerFor<Pod & KubeObject>(PODS).lister.get(ns, name);
    if (!pod) return { status: Status.error(newNotFound({ group: '', resource: 'pod' }, name)) };

    const snapshot = this.h.snapshot();
    const ineligible = podIneligibleReason(pod, snapshot, statuses.get(pod.status?.nominatedNodeName ?? ''));
    if (ineligible) return { status: Status.unschedulable(ineligible) };

    const numAllNodes = snapshot.list().length;
    if (numAllNodes === 0) return { status: Status.error(new Error('no nodes available')) };
    const now = this.h.clock.now().getTime();
    const { candidates, statuses: dryRunStatuses, errors } = this.findCandidates(snapshot, state, pod, statuses, now);
    if (candidates.length === 0) {
      if (errors.length > 0) return { status: aggregateErrors(errors) };
      return { result: { nominatedNodeName: '' }, status: Status.unschedulable(noCandidateMessage(numAllNodes, dryRunStatuses)) };
    }

    const best = selectCandidate(candidates, now);
    if (!best?.name) return { status: Status.unschedulable(MSG_NO_CANDIDATE) };
    const outcome = await this.prepare(pod, best);
    return outcome ?? { result: { nominatedNodeName: best.name }, status: Status.success() };
  }

  private findCandidates(snapshot: NodeInfoLister, state: CycleState, pod: P, statuses: NodeToStatusMap, now: number): DryRunOutput {
    const potentialNodes = nodesWherePreemptionMightHelp(snapshot, statuses);
    if (potentialNodes.length === 0) {
      this.h.logger.debug('Preemption will not help schedule pod on any node', { pod: podKey(pod) });
      return { candidates: [], statuses: new Map(), errors: [] };
    }
    const pdbs = this.h.informers.informerFor(PDBS).lister.list() as unknown as readonly PDB[];
    const { offset, numCandidates } = this.offsetAndNumCandidates(potentialNodes.length);
    return dryRunPreemption({ handle: this.h, state, pod, potentialNodes, pdbs, offset, numCandidates, now });
  }

  /** Undefined on success, else the Error outcome. */
  private async prepare(pod: P, best: Candidate): Promise<Outcome | undefined> {
    try {
      await prepareCandidate(this.h, this.name, pod, best.name, best.victims.pods);
      return undefined;
    } catch (e) {
      return { status: Status.error(e) };
    }
  }
}

/** "0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful …." */
export function noCandidateMessage(numAllNodes: number, statuses: NodeToStatusMap): string {
  const d = new Diagnosis();
  for (const [node, s] of statuses) d.nodeToStatus.set(node, s);
  d.absentNodesStatus = Status.unresolvable(MSG_NOT_HELPFUL);
  return fitErrorMessage(numAllNodes, d);
}
