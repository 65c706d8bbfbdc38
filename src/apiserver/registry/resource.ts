/**
 * What the API server needs to know about one served resource: its identity (for discovery, URLs and messages)
 * and its strategy (defaults, validation, what create/update may change, selectable fields, table columns).
 * One generic store (`registry/generic`) serves every resource through its strategy, in the fixed order
 * prepareFor* → defaults → validate → admission → storage.
 */
import type { ErrorList } from '../../machinery/validation/field.js';
import type { TableConvertor } from '../../machinery/meta/table.js';

export interface ResourceInfo {
  /** "" for the core group. */
  group: string;
  version: string;
  /** Plural, lowercase: "pods". */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Verbs served on the main resource, sorted, e.g. create delete deletecollection get list patch update watch. */
  verbs: string[];
}

/** A Kubernetes object as the server handles it: plain JSON with metadata. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: any;
  [k: string]: any;
}

export interface Strategy<T extends KObject = KObject> {
  /** Clears what a create may not set (e.g. status for resources with a status subresource). */
  prepareForCreate?(obj: T): void;
  /** Keeps what an update of the main resource may not change (e.g. status), from `old`. */
  prepareForUpdate?(obj: T, old: T): void;
  /** Fills upstream defaults in place. */
  defaults?(obj: T): void;
  validate(obj: T): ErrorList;
  validateUpdate?(obj: T, old: T): ErrorList;
  /** Warnings returned in `Warning:` headers. */
  warnings?(obj: T): string[];
  /** True when `metadata.generation` tracks changes of `spec` (every resource with a spec or a template). */
  tracksGeneration?: boolean;
  /** Fields accepted by `fieldSelector` besides metadata.name/metadata.namespace, with their values. */
  selectableFields?(obj: T): Record<string, string>;
  table: TableConvertor<T>;
}

/** The `status` subresource: a PUT/PATCH that may change only status (and metadata labels/annotations? no: only status). */
export interface StatusStrategy<T extends KObject = KObject> {
  /** Keeps everything but status from `old`. Default: copy `old` and take `obj.status`. */
  prepareForUpdate?(obj: T, old: T): void;
  validateUpdate?(obj: T, old: T): ErrorList;
}

/** Scale subresource mapping (apps/v1 deployments, replicasets, statefulsets; replicationcontrollers). */
export interface ScaleStrategy<T extends KObject = KObject> {
  /** Reads spec.replicas / status.replicas / selector into an autoscaling/v1 Scale. */
  toScale(obj: T): { replicas: number; statusReplicas: number; selector: string };
  /** Applies a new spec.replicas to the object. */
  setReplicas(obj: T, replicas: number): void;
}

export interface ResourceDefinition<T extends KObject = KObject> {
  info: ResourceInfo;
  strategy: Strategy<T>;
  status?: StatusStrategy<T>;
  scale?: ScaleStrategy<T>;
  /** Other subresources served for discovery (log, exec, binding, eviction …), with their handlers elsewhere. */
  extraSubresources?: { name: string; kind: string; group?: string; version?: string; verbs: string[] }[];
  hooks?: ResourceHooks<T>;
}

/** The caller of a registry operation (authn fills `user`; the handler fills the rest). */
export interface OperationContext {
  user?: { username: string; groups: string[]; uid?: string };
  /** dryRun=All: run every step but the write. */
  dryRun: boolean;
  fieldManager?: string;
}

/** DeleteOptions as sent by clients (meta/v1). */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
  dryRun?: string[];
}

/**
 * Resource-specific behaviour beyond defaults and validation, run by the generic store inside the write.
 * Hooks may throw StatusErrors; a hook that reserved something in `beforeCreate` is told to release it by
 * `afterDelete` (also called when the create failed after the hook ran).
 */
export interface ResourceHooks<T extends KObject = KObject> {
  beforeCreate?(obj: T, ctx: OperationContext): Promise<void>;
  beforeUpdate?(obj: T, old: T, ctx: OperationContext): Promise<void>;
  /** Releases what `beforeCreate`/`beforeUpdate` reserved for `obj` (on delete, or after a failed write). */
  release?(obj: T, old?: T): Promise<void>;
  /**
   * Graceful deletion: the grace period (seconds) to wait before the object is removed, or 0 to remove it at
   * once. Only pods are graceful upstream.
   */
  gracePeriod?(obj: T, requested: number | undefined): number;
  /** True while something other than metadata.finalizers holds the object (a namespace's spec.finalizers). */
  blocksDeletion?(obj: T): boolean;
  /** Called when a delete request marks the object for deletion (e.g. a namespace becomes Terminating). */
  onDeletionMarked?(obj: T): void;
}
