/**
 * The cluster events that can make a pod rejected by InterPodAffinity schedulable, with upstream's queueing hints:
 * an assigned pod added that matches all the pod's affinity terms, an assigned pod whose label change makes it
 * match the affinity (or stop matching the anti-affinity), an assigned pod deleted that matched the anti-affinity;
 * a node added or relabelled that has one of the terms' topology keys.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ActionType, type ClusterEventWithHint, type QueueingHint } from '../../framework/interface.js';
import { PodInfo, type AffinityTerm, type P } from '../../framework/types.js';
import { termMatches } from './terms.js';
import { labelValue } from './topology-counts.js';

/** As upstream's hint: the raw terms, namespaceSelector matched against no labels. */
function matchesAll(terms: readonly AffinityTerm[], pod: P): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, undefined));
}

const assigned = (p: Readonly<Pod> | undefined): boolean => !!p?.spec?.nodeName;

export function isSchedulableAfterPodChange(pod: P, oldObj: unknown, newObj: unknown): QueueingHint {
  const oldPod = oldObj as Readonly<Pod> | undefined;
  const newPod = newObj as Readonly<Pod> | undefined;
  if ((newPod && !assigned(newPod)) || (oldPod && !assigned(oldPod))) return 'QueueSkip';
  const pi = new PodInfo(pod);
  if (oldPod && newPod) {
    if (!matchesAll(pi.requiredAffinityTerms, oldPod) && matchesAll(pi.requiredAffinityTerms, newPod)) return 'Queue';
    if (matchesAll(pi.requiredAntiAffinityTerms, oldPod) && !matchesAll(pi.requiredAntiAffinityTerms, newPod)) return 'Queue';
    return 'QueueSkip';
  }
  if (newPod) return matchesAll(pi.requiredAffinityTerms, newPod) ? 'Queue' : 'QueueSkip';
  if (oldPod) return matchesAll(pi.requiredAntiAffinityTerms, oldPod) ? 'Queue' : 'QueueSkip';
  return 'Queue';
}

export function isSchedulableAfterNodeChange(pod: P, _oldObj: unknown, newObj: unknown): QueueingHint {
  const node = newObj as Readonly<Node> | undefined;
  if (!node) return 'Queue';
  const pi = new PodInfo(pod);
  const labels = node.metadata?.labels;
  for (const t of [...pi.requiredAffinityTerms, ...pi.requiredAntiAffinityTerms]) {
    if (labelValue(labels, t.topologyKey) !== undefined) return 'Queue';
  }
  return 'QueueSkip';
}

export function eventsToRegister(): ClusterEventWithHint[] {
  return [
    {
      event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
      queueingHint: isSchedulableAfterPodChange,
    },
    { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }, queueingHint: isSchedulableAfterNodeChange },
  ];
}
