/** The deployment controller's names, object types and the dependencies every sync function takes. */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { PodObject } from '../replicaset/pod-status.js';

export type DeploymentObject = Deployment;
export type ReplicaSetObject = ReplicaSet;
export type RS = Readonly<ReplicaSetObject>;

/** The Deployment's group, version and kind, for its replica sets' controller references. */
export const DEPLOYMENT_GVK = { group: 'apps', version: 'v1', kind: 'Deployment' } as const;

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
export const ROLLBACK_TO = 'deprecated.deployment.rollback.to';
export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Upstream's limit on the revision-history annotation. */
export const MAX_REV_HISTORY_CHARS = 2000;

// Condition reasons, as upstream's deployment util.
export const NEW_RS_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_RS = 'FoundNewReplicaSet';
export const RS_UPDATED = 'ReplicaSetUpdated';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const PAUSED = 'DeploymentPaused';
export const RESUMED = 'DeploymentResumed';
export const MIN_AVAILABLE = 'MinimumReplicasAvailable';
export const MIN_UNAVAILABLE = 'MinimumReplicasUnavailable';

export interface DeploymentControllerOptions {
  /** Concurrent syncs (upstream --concurrent-deployment-syncs, default 5). */
  workers?: number;
}

export interface DeploymentDeps {
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  deployments: Lister<DeploymentObject>;
  replicaSets: Lister<ReplicaSetObject>;
  pods: Lister<PodObject>;
  enqueueAfter(d: Readonly<DeploymentObject>, ms: number): void;
  enqueueRateLimited(d: Readonly<DeploymentObject>): void;
}

export const specReplicas = (o: { spec?: { replicas?: number } } | undefined): number => o?.spec?.replicas ?? 1;
