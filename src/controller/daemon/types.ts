/** The DaemonSet controller's private types, labels and options. */
import type { DaemonSet } from 'kubernetes-types/apps/v1.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { ControllerExpectations } from '../framework/index.js';
import type { RevisionObject } from '../history/revisions.js';
import type { FailedPodsBackoff } from './backoff.js';

export type DaemonSetObject = DaemonSet;
export type PodObject = Pod;
export type NodeObject = Node;
export type { RevisionObject };

export type D = Readonly<DaemonSetObject>;
export type P = Readonly<PodObject>;
export type N = Readonly<NodeObject>;

export const CONTROLLER_NAME = 'daemonset';
export const DAEMON_SET_GVK = { group: 'apps', version: 'v1', kind: 'DaemonSet' } as const;

/** extensions.DaemonSetTemplateGenerationKey: the pod label of the deprecated template-generation scheme. */
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
/** The annotation the API server keeps at the set's generation when its template changes. */
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

export interface DaemonSetControllerOptions {
  /** Concurrent syncs (upstream --concurrent-daemonset-syncs, default 2). */
  workers?: number;
  /** Most pods created or deleted per sync (upstream BurstReplicas, 250). */
  burstReplicas?: number;
}

export const DEFAULT_WORKERS = 2;
export const DEFAULT_BURST_REPLICAS = 250;

export interface DaemonSetDeps {
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  expectations: ControllerExpectations;
  backoff: FailedPodsBackoff;
  burstReplicas: number;
  sets: Lister<DaemonSetObject>;
  pods: Lister<PodObject>;
  nodes: Lister<NodeObject>;
  revisions: Lister<RevisionObject>;
  enqueueAfter(key: string, ms: number): void;
}
