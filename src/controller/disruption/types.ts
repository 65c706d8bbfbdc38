/** The disruption controller's types and upstream's names. */
import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';

export type PdbObject = PodDisruptionBudget;
export type PodObject = Pod;
export type ScaleOwner = Deployment | ReplicaSet | StatefulSet | ReplicationController;

export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const REASON_SUFFICIENT_PODS = 'SufficientPods';
export const REASON_INSUFFICIENT_PODS = 'InsufficientPods';
export const REASON_SYNC_FAILED = 'SyncFailed';

/** How long an eviction's entry in status.disruptedPods waits for the pod's deletion (upstream's DeletionTimeout). */
export const DELETION_TIMEOUT_MS = 2 * 60_000;
