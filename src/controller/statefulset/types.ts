/** The StatefulSet controller's private types, labels and options. */
import type { StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { RevisionObject } from '../history/revisions.js';

export type StatefulSetObject = StatefulSet;
export type PodObject = Pod;
export type ClaimObject = PersistentVolumeClaim;
export type { RevisionObject };

export const CONTROLLER_NAME = 'statefulset';
export const STATEFUL_SET_GVK = { group: 'apps', version: 'v1', kind: 'StatefulSet' } as const;

/** apps.StatefulSetPodNameLabel: lets a Service select one pod of the set. */
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
/** apps.PodIndexLabel: the pod's ordinal. */
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

export interface StatefulSetControllerOptions {
  /** Concurrent syncs (upstream --concurrent-statefulset-syncs, default 5). */
  workers?: number;
}

export const DEFAULT_WORKERS = 5;

/** What the sync functions need. */
export interface StatefulSetDeps {
  client: Client;
  clock: Clock;
  recorder: EventRecorder;
  sets: Lister<StatefulSetObject>;
  pods: Lister<PodObject>;
  claims: Lister<ClaimObject>;
  revisions: Lister<RevisionObject>;
}

export type P = Readonly<PodObject>;
export type S = Readonly<StatefulSetObject>;
