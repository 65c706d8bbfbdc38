/**
 * How many pods a budget expects and how many must stay healthy (upstream's getExpectedPodCount):
 *  - minAvailable as a number: desired = that number, expected = the matching pods;
 *  - minAvailable as a percentage or any maxUnavailable: expected = the summed scale of the pods' controllers
 *    (Deployment via its ReplicaSet, ReplicaSet, ReplicationController, StatefulSet), desired = the percentage of
 *    it rounded up, or expected − maxUnavailable (rounded up) floored at 0.
 * Example: maxUnavailable "30%" over a Deployment of 5 → 1.5 → 2 may be unavailable, desiredHealthy 3.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Lister } from '../../client/informer/interface.js';
import { scaledValueFromIntOrPercent } from '../../machinery/intstr/intstr.js';
import { getControllerOf } from '../framework/index.js';
import type { PdbObject, PodObject, ScaleOwner } from './types.js';

export interface ScaleListers {
  deployments: Lister<ScaleOwner>;
  replicaSets: Lister<ScaleOwner>;
  replicationControllers: Lister<ScaleOwner>;
  statefulSets: Lister<ScaleOwner>;
}

interface ControllerScale {
  uid: string;
  scale: number;
}

export interface Expected {
  expectedCount: number;
  desiredHealthy: number;
  unmanagedPods: string[];
}

const isKind = (ref: OwnerReference, kind: string, groups: string[]): boolean =>
  ref.kind === kind && groups.includes(ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '');

function owned(l: Lister<ScaleOwner>, ns: string, ref: OwnerReference): Readonly<ScaleOwner> | undefined {
  const o = l.get(ns, ref.name);
  return o && o.metadata?.uid === ref.uid ? o : undefined;
}

const scaleOf = (o: Readonly<ScaleOwner>): ControllerScale => ({ uid: String(o.metadata?.uid), scale: o.spec?.replicas ?? 1 });

/** The controller whose scale counts for a pod with this controllerRef (upstream's finders, in order). */
function findController(l: ScaleListers, ns: string, ref: OwnerReference): ControllerScale | undefined {
  if (isKind(ref, 'ReplicationController', [''])) {
    const rc = owned(l.replicationControllers, ns, ref);
    if (rc) return scaleOf(rc);
  }
  if (isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) {
    const rs = owned(l.replicaSets, ns, ref);
    if (!rs) return undefined;
    const rsRef = getControllerOf(rs);
    if (!rsRef || rsRef.kind !== 'Deployment') return scaleOf(rs);
    const d = isKind(rsRef, 'Deployment', ['apps', 'extensions']) ? owned(l.deployments, ns, rsRef) : undefined;
    return d ? scaleOf(d) : undefined;
  }
  if (isKind(ref, 'StatefulSet', ['apps'])) {
    const ss = owned(l.statefulSets, ns, ref);
    if (ss) return scaleOf(ss);
  }
  return undefined;
}

/** The summed scale of the pods' controllers; throws (upstream's error) when a managed pod's controller is not found. */
export function expectedScale(l: ScaleListers, pods: readonly Readonly<PodObject>[]): { count: number; unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const seen = new Set<string>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = getControllerOf(pod);
    if (!ref) {
      unmanagedPods.push(pod.metadata?.name ?? '');
      continue;
    }
    if (seen.has(ref.uid)) continue;
    const found = findController(l, pod.metadata?.namespace ?? '', ref);
    if (!found) throw new Error(`found no controllers for pod "${pod.metadata?.name}"`);
    seen.add(ref.uid);
    scales.set(found.uid, found.scale);
  }
  return { count: [...scales.values()].reduce((a, b) => a + b, 0), unmanagedPods };
}

export function expectedPods(pdb: Readonly<PdbObject>, l: ScaleListers, pods: readonly Readonly<PodObject>[]): Expected {
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined && maxUnavailable !== null) {
    const { count, unmanagedPods } = expectedScale(l, pods);
    const max = scaledValueFromIntOrPercent(maxUnavailable, count, true);
    return { expectedCount: count, desiredHealthy: Math.max(0, count - max), unmanagedPods };
  }
  if (typeof minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: minAvailable, unmanagedPods: [] };
  if (typeof minAvailable === 'string') {
    const { count, unmanagedPods } = expectedScale(l, pods);
    return { expectedCount: count, desiredHealthy: scaledValueFromIntOrPercent(minAvailable, count, true), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
