/** Test helpers for InterPodAffinity's tests: a Handle over a fixed snapshot and namespaces, and term builders. */
import type { Node, Pod, PodAffinityTerm } from 'kubernetes-types/core/v1.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Handle } from '../../framework/interface.js';
import { newTestSnapshot } from '../../testing/snapshot.js';

/** A Handle with only what InterPodAffinity uses: the snapshot and namespace labels. */
export function testHandle(pods: readonly Pod[], nodes: readonly Node[], namespaces: Record<string, Record<string, string>> = {}): Handle {
  const snapshot = newTestSnapshot(pods, nodes);
  return {
    snapshot: () => snapshot,
    namespaceLabels: (name: string) => namespaces[name],
  } as unknown as Handle;
}

/** A term selecting pods whose label `key` is In `values`, in `topologyKey` domains. */
export function term(key: string, values: string[], topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm {
  return { labelSelector: { matchExpressions: [{ key, operator: 'In', values }] }, topologyKey, ...extra };
}

export const nsSelector = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels });

export const ZONE = 'topology.kubernetes.io/zone';
export const REGION = 'topology.kubernetes.io/region';
export const HOSTNAME = 'kubernetes.io/hostname';
