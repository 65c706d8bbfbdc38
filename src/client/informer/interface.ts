/**
 * Shared informers (client-go's shape): one list+watch per resource (and selector) per process, a local cache
 * with indexers, and handlers. Cached objects are immutable: listers hand out readonly objects; clone before
 * you change one (`structuredClone`).
 */
import type { KubeObject, ResourceRef } from '../interface.js';

/** Index functions return the index values of an object (e.g. the node name of a pod). */
export type IndexFunc<T> = (obj: Readonly<T>) => string[];

/** The namespace index every informer has. */
export const NAMESPACE_INDEX = 'namespace';

export interface Lister<T extends KubeObject = KubeObject> {
  /** `namespace` is '' for cluster-scoped objects. */
  get(namespace: string, name: string): Readonly<T> | undefined;
  /** Every object, or those of one namespace; optionally filtered by labels. */
  list(namespace?: string, labels?: (labels: Readonly<Record<string, string>>) => boolean): readonly Readonly<T>[];
  byIndex(index: string, value: string): readonly Readonly<T>[];
}

export interface ResourceEventHandler<T extends KubeObject = KubeObject> {
  onAdd?(obj: Readonly<T>): void;
  /** Also called on resync with old === cur. */
  onUpdate?(old: Readonly<T>, cur: Readonly<T>): void;
  /** With the last state the cache knew (a delete seen only through a relist still reports that last state). */
  onDelete?(obj: Readonly<T>): void;
}

export interface Informer<T extends KubeObject = KubeObject> {
  readonly lister: Lister<T>;
  addEventHandler(h: ResourceEventHandler<T>): void;
  /** Must be called before start. */
  addIndexer(name: string, fn: IndexFunc<T>): void;
  hasSynced(): boolean;
}

export interface InformerOptions {
  /** Restrict to one namespace; default all. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface SharedInformerFactory {
  /** The shared informer of a resource (one per resource and options per factory). */
  informerFor<T extends KubeObject = KubeObject>(r: ResourceRef, opts?: InformerOptions): Informer<T>;
  /** Starts every informer requested so far (and later ones as they are requested). */
  start(signal: AbortSignal): void;
  /** Resolves true once every started informer has synced, false if the signal aborted first. */
  waitForCacheSync(signal: AbortSignal): Promise<boolean>;
}

/** `namespace/name`, or `name` for cluster-scoped objects: the key every controller queues. */
export const keyOf = (obj: Readonly<KubeObject>): string =>
  obj.metadata?.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : `${obj.metadata?.name ?? ''}`;

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}
