/**
 * The selector of the default constraints (upstream's helper.DefaultSelector): the union of the selectors of the
 * Services that select the pod and of its controlling ReplicationController, ReplicaSet or StatefulSet. Objects
 * come from the shared informers' caches.
 */
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1.js';
import type { ReplicationController, Service } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../../client/interface.js';
import type { Lister, SharedInformerFactory } from '../../../client/informer/interface.js';
import { REPLICA_SETS, REPLICATION_CONTROLLERS, SERVICES, STATEFUL_SETS } from '../../../client/resources.js';
import { labelSelectorAsSelector, selectorFromSet, type Labels, type Selector } from '../../../machinery/labels/index.js';
import type { P } from '../../framework/types.js';

type ServiceObject = Service & KubeObject;
type ReplicationControllerObject = ReplicationController & KubeObject;
type ReplicaSetObject = ReplicaSet & KubeObject;
type StatefulSetObject = StatefulSet & KubeObject;

export interface SpreadListers {
  services: Lister<ServiceObject>;
  replicationControllers: Lister<ReplicationControllerObject>;
  replicaSets: Lister<ReplicaSetObject>;
  statefulSets: Lister<StatefulSetObject>;
}

/** Asks the factory for the four informers (before it starts, as upstream's plugin constructor does). */
export function spreadListers(informers: SharedInformerFactory): SpreadListers {
  return {
    services: informers.informerFor<ServiceObject>(SERVICES).lister,
    replicationControllers: informers.informerFor<ReplicationControllerObject>(REPLICATION_CONTROLLERS).lister,
    replicaSets: informers.informerFor<ReplicaSetObject>(REPLICA_SETS).lister,
    statefulSets: informers.informerFor<StatefulSetObject>(STATEFUL_SETS).lister,
  };
}

/** Services of the pod's namespace whose selector matches the pod (a Service without selector matches nothing). */
function podServiceSelectors(services: Lister<ServiceObject>, pod: P): Labels {
  const labels = pod.metadata?.labels ?? {};
  const merged: Record<string, string> = {};
  for (const svc of services.list(pod.metadata?.namespace ?? '')) {
    const sel = svc.spec?.selector;
    if (!sel) continue;
    if (Object.entries(sel).every(([k, v]) => Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v)) Object.assign(merged, sel);
  }
  return merged;
}

function controllerSelector(listers: SpreadListers, pod: P, set: Record<string, string>, selector: Selector): Selector {
  const owner = pod.metadata?.ownerReferences?.find((r) => r.controller);
  if (!owner) return selector;
  const ns = pod.metadata?.namespace ?? '';
  const kind = `${owner.apiVersion}/${owner.kind}`;
  if (kind === 'v1/ReplicationController') {
    const rc = listers.replicationControllers.get(ns, owner.name);
    return rc ? selectorFromSet({ ...set, ...rc.spec?.selector }) : selector;
  }
  const labelSelector =
    kind === 'apps/v1/ReplicaSet' ? listers.replicaSets.get(ns, owner.name)?.spec?.selector
    : kind === 'apps/v1/StatefulSet' ? listers.statefulSets.get(ns, owner.name)?.spec?.selector
    : undefined;
  if (!labelSelector) return selector;
  try {
    return selector.add(...labelSelectorAsSelector(labelSelector).requirements);
  } catch {
    return selector;
  }
}

/** The pod's default spreading selector; everything (no requirements) when nothing selects the pod. */
export function defaultSelector(listers: SpreadListers, pod: P): Selector {
  const set = { ...podServiceSelectors(listers.services, pod) };
  return controllerSelector(listers, pod, set, selectorFromSet(set));
}
