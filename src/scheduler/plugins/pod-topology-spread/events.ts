/**
 * The cluster events that can make a pod rejected by PodTopologySpread schedulable, with upstream's queueing
 * hints: assigned pods of the same namespace added, relabelled or deleted when they match a constraint's selector
 * (or, after a relabel, stop matching it); the pod itself getting a toleration when a constraint honours taints;
 * nodes added, deleted or changed in a topology key or taints, when they carry every topology key.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../../framework/interface.js';
import type { P } from '../../framework/types.js';
import { labelValue, nodeLabelsMatchSpreadConstraints, podLabelsMatchSpreadConstraints, type SpreadConstraint } from './constraints.js';

/** The pod's DoNotSchedule constraints (explicit or defaulted); throws on an invalid selector. */
export type ConstraintsOf = (pod: P) => SpreadConstraint[];

/** The changed pod is the pod itself, or an assigned pod of its namespace. */
const involved = (other: Readonly<Pod>, pod: P): boolean =>
  (!!other.metadata?.uid && other.metadata.uid === pod.metadata?.uid) ||
  (!!other.spec?.nodeName && (other.metadata?.namespace ?? '') === (pod.metadata?.namespace ?? ''));

const sameLabels = (a: Readonly<Pod>, b: Readonly<Pod>): boolean => isDeepStrictEqual(a.metadata?.labels ?? {}, b.metadata?.labels ?? {});

function podUpdateHint(pod: P, oldPod: Readonly<Pod>, newPod: Readonly<Pod>, constraints: SpreadConstraint[]): QueueingHint {
  const tolerationsChanged = !isDeepStrictEqual(oldPod.spec?.tolerations ?? [], newPod.spec?.tolerations ?? []);
  if (newPod.metadata?.uid === pod.metadata?.uid && tolerationsChanged && constraints.some((c) => c.nodeTaintsHonor)) return 'Queue';
  if (sameLabels(oldPod, newPod)) return 'QueueSkip';
  for (const c of constraints) {
    if (c.selector.matches(oldPod.metadata?.labels) !== c.selector.matches(newPod.metadata?.labels)) return 'Queue';
  }
  return 'QueueSkip';
}

export function podChangeHint(constraintsOf: ConstraintsOf) {
  return (pod: P, oldObj: unknown, newObj: unknown): QueueingHint => {
    const oldPod = oldObj as Readonly<Pod> | undefined;
    const newPod = newObj as Readonly<Pod> | undefined;
    if ((newPod && !involved(newPod, pod)) || (oldPod && !involved(oldPod, pod))) return 'QueueSkip';
    let constraints: SpreadConstraint[];
    try {
      constraints = constraintsOf(pod);
    } catch {
      return 'Queue';
    }
    if (oldPod && newPod) return podUpdateHint(pod, oldPod, newPod, constraints);
    const changed = newPod ?? oldPod;
    if (!changed) return 'Queue';
    return podLabelsMatchSpreadConstraints(constraints, changed.metadata?.labels) ? 'Queue' : 'QueueSkip';
  };
}

const topologyKeysChanged = (a: Readonly<Node>, b: Readonly<Node>, constraints: readonly SpreadConstraint[]): boolean =>
  constraints.some((c) => labelValue(a.metadata?.labels, c.topologyKey) !== labelValue(b.metadata?.labels, c.topologyKey));

export function nodeChangeHint(constraintsOf: ConstraintsOf) {
  return (pod: P, oldObj: unknown, newObj: unknown): QueueingHint => {
    const oldNode = oldObj as Readonly<Node> | undefined;
    const newNode = newObj as Readonly<Node> | undefined;
    let constraints: SpreadConstraint[];
    try {
      constraints = constraintsOf(pod);
    } catch {
      return 'Queue';
    }
    const oldMatching = !!oldNode && nodeLabelsMatchSpreadConstraints(oldNode.metadata?.labels, constraints);
    const newMatching = !!newNode && nodeLabelsMatchSpreadConstraints(newNode.metadata?.labels, constraints);
    if (oldNode && newNode) {
      if (oldMatching !== newMatching) return 'Queue';
      const taintsChanged = !isDeepStrictEqual(oldNode.spec?.taints ?? [], newNode.spec?.taints ?? []);
      return newMatching && (topologyKeysChanged(oldNode, newNode, constraints) || taintsChanged) ? 'Queue' : 'QueueSkip';
    }
    return newMatching || oldMatching ? 'Queue' : 'QueueSkip';
  };
}

export function eventsToRegister(constraintsOf: ConstraintsOf): ClusterEventWithHint[] {
  return [
    {
      event: {
        resource: 'Pod',
        actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations | ActionType.Delete,
      },
      queueingHint: podChangeHint(constraintsOf),
    },
    {
      event: {
        resource: 'Node',
        actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
      },
      queueingHint: nodeChangeHint(constraintsOf),
    },
  ];
}
