/**
 * The informers the scheduler runs. Its pod informer leaves terminal pods out (as upstream's scheduler pod
 * informer): a pod that succeeded or failed holds no resources, and it leaves the cache as a delete. Plugins that
 * ask the Handle's factory for pods get that same informer, so one list+watch serves everyone.
 */
import type { Informer, InformerOptions, SharedInformerFactory } from '../client/informer/interface.js';
import type { KubeObject, ResourceRef } from '../client/interface.js';
import { NAMESPACES, NODES, PDBS, PODS, PVCS, resourceRef } from '../client/resources.js';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { EventResource } from './framework/interface.js';

/** API types as the client's object type (kubernetes-types lack KubeObject's index signature). */
export type PodObject = Pod & KubeObject;
export type NodeObject = Node & KubeObject;
export const asKubeObject = (o: Readonly<Pod> | Readonly<Node>): Readonly<KubeObject> => o as unknown as Readonly<KubeObject>;

export const POD_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

export const PVS = resourceRef('', 'persistentvolumes');
export const STORAGE_CLASSES = resourceRef('storage.k8s.io', 'storageclasses');
export const PRIORITY_CLASSES = resourceRef('scheduling.k8s.io', 'priorityclasses');

const isPods = (r: ResourceRef): boolean => r.group === '' && r.resource === 'pods';

/** A factory view where an unfiltered pods informer is the scheduler's (non-terminal pods). */
export function schedulerInformerFactory(base: SharedInformerFactory): SharedInformerFactory {
  return {
    informerFor<T extends KubeObject = KubeObject>(r: ResourceRef, opts?: InformerOptions): Informer<T> {
      const plain = !opts?.namespace && !opts?.labelSelector && !opts?.fieldSelector;
      return base.informerFor<T>(r, isPods(r) && plain ? { fieldSelector: POD_FIELD_SELECTOR } : opts);
    },
    start: (signal) => base.start(signal),
    waitForCacheSync: (signal) => base.waitForCacheSync(signal),
  };
}

/** Resources whose changes are cluster events for the queue (they only requeue; plugins read them via listers). */
export const EVENT_RESOURCES: readonly [EventResource, ResourceRef][] = [
  ['PersistentVolumeClaim', PVCS],
  ['PersistentVolume', PVS],
  ['StorageClass', STORAGE_CLASSES],
  ['Namespace', NAMESPACES],
];

/** Informers plugins use through listers only; requested up front so that they sync before scheduling starts. */
export const LISTER_RESOURCES: readonly ResourceRef[] = [PDBS, PRIORITY_CLASSES];

export { NODES, PODS };
