/** What the replica controller's sync functions need: listers, client, clock, recorder, expectations and queue. */
import type { PodObject } from './pod-status.js';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { UIDTrackingControllerExpectations } from '../framework/index.js';
import type { ReplicaAdapter, ReplicaOwner } from './adapter.js';

export interface ReplicaSetControllerOptions {
  /** Concurrent syncs (upstream --concurrent-replicaset-syncs, default 5). */
  workers?: number;
  /** Most pods created or deleted in one sync (upstream BurstReplicas, 500). */
  burstReplicas?: number;
  /** Serve ReplicationControllers instead of ReplicaSets. */
  kind?: 'ReplicaSet' | 'ReplicationController';
}

export interface ReplicaDeps {
  adapter: ReplicaAdapter;
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  expectations: UIDTrackingControllerExpectations;
  burstReplicas: number;
  owners: Lister<ReplicaOwner>;
  pods: Lister<PodObject>;
  enqueueAfter(key: string, ms: number): void;
}

export const DEFAULT_BURST_REPLICAS = 500;
export const DEFAULT_WORKERS = 5;
