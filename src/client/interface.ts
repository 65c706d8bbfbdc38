/**
 * The API client every component uses (controllers, scheduler, kubelet, proxy …): the Kubernetes REST verbs over
 * a Transport (HTTPS with a kubeconfig, or the in-process loopback to the API server's handlers — requests always
 * pass through authentication, admission, defaults and validation). Errors are the server's Status as a
 * `StatusError` (machinery/errors): test them with the predicates (isNotFoundStatus, isConflictStatus …).
 * resourceVersions are opaque strings here.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { CatalogEntry } from '../api/catalog.js';

/** A resource the client addresses; take it from the catalog (`resourceRef('apps', 'deployments')`). */
export type ResourceRef = Pick<CatalogEntry, 'group' | 'version' | 'resource' | 'kind' | 'namespaced'>;

/**
 * What the client needs of any object: its type and its ObjectMeta. A plain structural type, so every
 * kubernetes-types object (Pod, Deployment …) is one as it is; code that reads spec/status uses the object's own type.
 */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: KubeObjectMeta;
}

/** kubernetes-types' ObjectMeta without its readonly marks: servers and fakes set uid, resourceVersion, generation … */
export type KubeObjectMeta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] };

export interface ListMeta {
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface ObjectList<T> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'Exact' | 'NotOlderThan';
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Changes after this resourceVersion; empty = current objects as ADDED first, then changes. */
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowWatchBookmarks?: boolean;
  /** Ends the watch (the iterator returns). */
  signal?: AbortSignal;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** For ERROR, `object` is a Status (410 Expired → relist). */
export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export type PatchType = 'json' | 'merge' | 'strategic';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface Client {
  get<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string): Promise<T>;
  list<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts?: ListOptions): Promise<ObjectList<T>>;
  /** A watch stream; iteration ends when the server closes it, the signal aborts, or on a transport error (thrown). */
  watch<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, opts?: WatchOptions): AsyncIterable<WatchEvent<T>>;
  create<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, obj: T, opts?: WriteOptions): Promise<T>;
  /** PUT of the object (its metadata.name); `subresource` = 'status' for status writers. */
  update<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, obj: T, opts?: WriteOptions & { subresource?: string }): Promise<T>;
  patch<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, type: PatchType, patch: unknown, opts?: WriteOptions & { subresource?: string }): Promise<T>;
  /** Resolves with the object when it is kept for finalizers/grace, or undefined when it is gone. */
  delete<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, opts?: DeleteOptions): Promise<T | undefined>;
  deleteCollection(r: ResourceRef, namespace: string, opts?: ListOptions & DeleteOptions): Promise<void>;
  /** POST to a subresource: pods/binding, pods/eviction, serviceaccounts/token … */
  createSubresource<T extends KubeObject = KubeObject>(r: ResourceRef, namespace: string, name: string, subresource: string, body: KubeObject): Promise<T>;
}
