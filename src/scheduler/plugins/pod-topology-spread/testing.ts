/** Test helpers for PodTopologySpread's tests: a Handle over a fixed snapshot and fake informers, and builders. */
import type { Node, Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1.js';
import { FakeInformerFactory } from '../../../client/fake/informers.js';
import type { KubeObject } from '../../../client/interface.js';
import { REPLICA_SETS, REPLICATION_CONTROLLERS, SERVICES, STATEFUL_SETS } from '../../../client/resources.js';
import type { Handle } from '../../framework/interface.js';
import { newTestSnapshot } from '../../testing/snapshot.js';

export const ZONE = 'topology.kubernetes.io/zone';
export const HOSTNAME = 'kubernetes.io/hostname';

/** Services, ReplicationControllers, ReplicaSets and StatefulSets put in the informers' caches. */
export interface Workloads {
  services?: KubeObject[];
  replicationControllers?: KubeObject[];
  replicaSets?: KubeObject[];
  statefulSets?: KubeObject[];
}

export function testHandle(pods: readonly Pod[], nodes: readonly Node[], w: Workloads = {}): Handle {
  const snapshot = newTestSnapshot(pods, nodes);
  const informers = new FakeInformerFactory();
  for (const o of w.services ?? []) informers.informerFor(SERVICES).set(o);
  for (const o of w.replicationControllers ?? []) informers.informerFor(REPLICATION_CONTROLLERS).set(o);
  for (const o of w.replicaSets ?? []) informers.informerFor(REPLICA_SETS).set(o);
  for (const o of w.statefulSets ?? []) informers.informerFor(STATEFUL_SETS).set(o);
  return { snapshot: () => snapshot, informers, namespaceLabels: () => undefined } as unknown as Handle;
}

/** A constraint selecting pods with label `key` (Exists), as upstream's test wrappers build them. */
export function spreadOn(
  topologyKey: string,
  maxSkew: number,
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
  key = 'foo',
  extra: Partial<TopologySpreadConstraint> = {},
): TopologySpreadConstraint {
  return { maxSkew, topologyKey, whenUnsatisfiable, labelSelector: { matchExpressions: [{ key, operator: 'Exists' }] }, ...extra };
}
