/**
 * The status a replica controller writes after every sync (upstream's calculateStatus): counts of the claimed active
 * pods, the ReplicaFailure condition while creating or deleting fails, and observedGeneration.
 */
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import { hasAllLabels, isPodAvailable, isPodReady, type PodObject } from './pod-status.js';
import { specReplicas, type ReplicaAdapter, type ReplicaOwner } from './adapter.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

export function calculateStatus(
  owner: Readonly<ReplicaOwner>,
  adapter: ReplicaAdapter,
  pods: readonly Readonly<PodObject>[],
  manageError: unknown,
  now: Date,
): ReplicaSetStatus {
  const templateLabels = adapter.template(owner)?.metadata?.labels;
  const minReady = owner.spec?.minReadySeconds ?? 0;
  const status: ReplicaSetStatus = {
    ...(structuredClone(owner.status ?? { replicas: 0 }) as ReplicaSetStatus),
    replicas: pods.length,
    fullyLabeledReplicas: pods.filter((p) => hasAllLabels(p, templateLabels)).length,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
  };
  const failure = status.conditions?.find((c) => c.type === REPLICA_FAILURE);
  if (manageError !== undefined && !failure) {
    const diff = pods.length - specReplicas(owner);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond: ReplicaSetCondition = {
      type: REPLICA_FAILURE,
      status: 'True',
      reason,
      message: errorMessage(manageError),
      lastTransitionTime: now.toISOString(),
    };
    status.conditions = [...(status.conditions ?? []), cond];
  } else if (manageError === undefined && failure) {
    status.conditions = status.conditions!.filter((c) => c.type !== REPLICA_FAILURE);
    if (status.conditions.length === 0) delete status.conditions;
  }
  return status;
}

export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const COUNTS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const;

/** True when writing `next` would change nothing (upstream skips the write in that case). */
export function statusUnchanged(owner: Readonly<ReplicaOwner>, next: ReplicaSetStatus): boolean {
  const cur = (owner.status ?? {}) as ReplicaSetStatus;
  return (
    COUNTS.every((k) => (cur[k] ?? 0) === (next[k] ?? 0)) &&
    JSON.stringify(cur.conditions ?? []) === JSON.stringify(next.conditions ?? []) &&
    cur.observedGeneration === owner.metadata?.generation
  );
}
