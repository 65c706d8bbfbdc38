/**
 * NodeAffinity (upstream's plugin of that name): Filter keeps nodes matching the pod's spec.nodeSelector and
 * required node affinity (and the profile's addedAffinity); PreFilter narrows the candidates to the node names that
 * the required terms pin with `metadata.name In`; Score sums the weights of the preferred terms (the pod's and the
 * profile's) that a node matches, normalized to 0–100.
 *
 * Everything is parsed once per pod in PreFilter/PreScore; Filter/Score only match the parsed terms.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import {
  NodeSelectorMatcher,
  PreferredSchedulingTerms,
  RequiredNodeAffinity,
} from '../../../api/core/v1/helpers/node-affinity.js';
import type { CycleState, StateData } from '../../framework/cycle-state.js';
import {
  ActionType,
  MAX_NODE_SCORE,
  type ClusterEventWithHint,
  type EnqueueExtensions,
  type FilterPlugin,
  type NodeScore,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type QueueingHint,
  type ScoreExtensions,
  type ScorePlugin,
} from '../../framework/interface.js';
import { ScoreResult, Status } from '../../framework/status.js';
import type { NodeInfo, P } from '../../framework/types.js';
import type { NodeAffinityArgs } from './args.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { requiredNodeNames } from './required-node-names.js';

export const NAME = 'NodeAffinity';
/** The pod's nodeSelector / required node affinity does not match. */
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
/** The profile's addedAffinity does not match. */
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
/** Every required term pins node names and their intersections are empty. */
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_STATE_KEY = `PreFilter${NAME}`;
const PRE_SCORE_STATE_KEY = `PreScore${NAME}`;

/** Immutable per pod: clone shares it. */
class PreFilterState implements StateData {
  constructor(readonly required: RequiredNodeAffinity) {}
  clone(): StateData {
    return this;
  }
}

class PreScoreState implements StateData {
  constructor(readonly preferred: PreferredSchedulingTerms | undefined) {}
  clone(): StateData {
    return this;
  }
}

/** The pod's preferred terms; undefined when it has none; throws when one is invalid. */
function podPreferredTerms(pod: P): PreferredSchedulingTerms | undefined {
  const terms = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
  return terms ? PreferredSchedulingTerms.parse(terms) : undefined;
}

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions {
  readonly name = NAME;
  private readonly result = new ScoreResult();
  private readonly addedNodeSelector: NodeSelectorMatcher | undefined;
  private readonly addedPrefSchedTerms: PreferredSchedulingTerms | undefined;

  /** `args` must be valid (validateNodeAffinityArgs); invalid terms throw here. */
  constructor(args: NodeAffinityArgs) {
    const req = args.addedAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.addedNodeSelector = req ? NodeSelectorMatcher.parseStrict(req) : undefined;
    const pref = args.addedAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    this.addedPrefSchedTerms = pref.length > 0 ? PreferredSchedulingTerms.parse(pref) : undefined;
  }

  preFilter(state: CycleState, pod: P, _nodes?: readonly NodeInfo[]): { result?: PreFilterResult; status: Status } {
    const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    if (!required && !this.addedNodeSelector && !pod.spec?.nodeSelector) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(new RequiredNodeAffinity(pod)));
    const nodeNames = requiredNodeNames(required?.nodeSelectorTerms ?? []);
    if (!nodeNames) return { status: Status.success() };
    if (nodeNames.size === 0) return { status: Status.unresolvable(ERR_REASON_CONFLICT) };
    return { result: { nodeNames }, status: Status.success() };
  }

  filter(state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    const node = nodeInfo.node;
    if (!node) return Status.error(new Error('node not found'));
    if (this.addedNodeSelector && !this.addedNodeSelector.match(node)) return Status.unresolvable(ERR_REASON_ENFORCED);
    // Without PreFilter (disabled in the profile) parse here, as upstream.
    const required = state.read<PreFilterState>(PRE_FILTER_STATE_KEY)?.required ?? new RequiredNodeAffinity(pod);
    return required.match(node) ? Status.success() : Status.unresolvable(ERR_REASON_POD);
  }

  preScore(state: CycleState, pod: P, _nodes?: readonly NodeInfo[]): Status {
    let preferred: PreferredSchedulingTerms | undefined;
    try {
      preferred = podPreferredTerms(pod);
    } catch (err) {
      return Status.error(err);
    }
    if (!preferred && !this.addedPrefSchedTerms) return Status.skip();
    state.write(PRE_SCORE_STATE_KEY, new PreScoreState(preferred));
    return Status.success();
  }

  score(state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status } {
    const node = nodeInfo.node;
    if (!node) return { score: 0, status: Status.error(new Error('node not found')) };
    const s = state.read<PreScoreState>(PRE_SCORE_STATE_KEY);
    let preferred = s?.preferred;
    if (!s) {
      // Without PreScore (disabled in the profile) parse here, as upstream.
      try {
        preferred = podPreferredTerms(pod);
      } catch (err) {
        return { score: 0, status: Status.error(err) };
      }
    }
    const score = (this.addedPrefSchedTerms?.score(node) ?? 0) + (preferred?.score(node) ?? 0);
    return this.result.of(score);
  }

  scoreExtensions(): ScoreExtensions {
    return this;
  }

  normalizeScore(_state: CycleState, _pod: P, scores: NodeScore[]): Status {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
    return Status.success();
  }

  /** A node that is added or relabelled may now match (with a queueing hint that checks exactly that). */
  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'NodeAdd|UpdateNodeLabel' },
        queueingHint: (pod, oldObj, newObj) => this.isSchedulableAfterNodeChange(pod, oldObj as Node | undefined, newObj as Node),
      },
    ];
  }

  /** Queue only when the new node matches and the old one (if any) did not. */
  private isSchedulableAfterNodeChange(pod: Readonly<Pod>, oldNode: Node | undefined, newNode: Node): QueueingHint {
    if (this.addedNodeSelector && !this.addedNodeSelector.match(newNode)) return 'QueueSkip';
    const required = new RequiredNodeAffinity(pod);
    if (!required.match(newNode)) return 'QueueSkip';
    if (!oldNode) return 'Queue';
    return required.match(oldNode) ? 'QueueSkip' : 'Queue';
  }
}
