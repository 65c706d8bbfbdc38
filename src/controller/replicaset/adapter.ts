/**
 * One replica-controller core serves ReplicaSets and ReplicationControllers (upstream converts RCs to RSes; here the
 * core reads both through this adapter). The adapters differ in resource, kind and selector shape only.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { PodTemplateSpec, ReplicationController } from 'kubernetes-types/core/v1.js';
import type { ResourceRef } from '../../client/interface.js';
import { REPLICA_SETS, REPLICATION_CONTROLLERS } from '../../client/resources.js';
import type { GroupVersionKind } from '../framework/index.js';
import { labelSelectorAsSelector, selectorFromSet, type Selector } from '../../machinery/labels/index.js';

/** The fields the core uses, common to ReplicaSet and ReplicationController. */
export type ReplicaOwner = ReplicaSet | ReplicationController;

export interface ReplicaAdapter {
  readonly ref: ResourceRef;
  /** The owner's group, version and kind, for its controller references. */
  readonly gvk: GroupVersionKind;
  readonly kind: string;
  /** The queue/log name: "replicaset" or "replicationmanager". */
  readonly name: string;
  /** Throws on an invalid selector. */
  selector(o: Readonly<ReplicaOwner>): Selector;
  template(o: Readonly<ReplicaOwner>): Readonly<PodTemplateSpec> | undefined;
}

export const REPLICA_SET_ADAPTER: ReplicaAdapter = {
  ref: REPLICA_SETS,
  gvk: { group: 'apps', version: 'v1', kind: 'ReplicaSet' },
  kind: 'ReplicaSet',
  name: 'replicaset',
  selector: (o) => labelSelectorAsSelector((o as ReplicaSet).spec?.selector),
  template: (o) => o.spec?.template,
};

export const REPLICATION_CONTROLLER_ADAPTER: ReplicaAdapter = {
  ref: REPLICATION_CONTROLLERS,
  gvk: { group: '', version: 'v1', kind: 'ReplicationController' },
  kind: 'ReplicationController',
  name: 'replicationmanager',
  // An RC's selector is a map; an empty one is defaulted from the template labels by the API server.
  selector: (o) => {
    const sel = (o as ReplicationController).spec?.selector;
    return sel && Object.keys(sel).length > 0 ? selectorFromSet(sel) : selectorFromSet(o.spec?.template?.metadata?.labels);
  },
  template: (o) => o.spec?.template,
};

export const specReplicas = (o: Readonly<ReplicaOwner>): number => o.spec?.replicas ?? 1;
