/**
 * The pieces every resource strategy shares: what create and update may not set (status, system metadata), the
 * generic status subresource, and the strategy entry type that `registry/strategies.ts` collects.
 */
import type { KObject, ScaleStrategy, StatusStrategy, Strategy } from '../../apiserver/registry/resource.js';
import type { ErrorList } from '../../machinery/validation/field.js';
import { validateObjectMetaUpdate, type MetaRules } from '../../machinery/validation/objectmeta.js';

export interface StrategyEntry {
  strategy: Omit<Strategy, 'table'>;
  status?: StatusStrategy;
  scale?: ScaleStrategy;
}

/** A new object starts with an empty status (or the given initial one): status is written by controllers. */
export const resetStatus = (obj: KObject, initial: Record<string, unknown> = {}): void => {
  obj.status = structuredClone(initial);
};

/** Fields the server owns that an update may omit: uid and creationTimestamp stay as stored. */
export function keepSystemMeta(obj: KObject, old: KObject): void {
  obj.metadata ??= {};
  if (!obj.metadata.uid && old.metadata?.uid) obj.metadata.uid = old.metadata.uid;
  if (old.metadata?.creationTimestamp) obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
}

/** The main resource may not change status: an update keeps the stored one. */
export function keepStatus(obj: KObject, old: KObject): void {
  keepSystemMeta(obj, old);
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
}

const STATUS_RESET_META = ['deletionTimestamp', 'generation', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'uid', 'creationTimestamp'];

/**
 * The status subresource: everything but status comes from the stored object (upstream's
 * ResetObjectMetaForStatus plus `new.Spec = old.Spec`); managedFields and resourceVersion stay the caller's.
 */
export function statusOnlyUpdate(obj: KObject, old: KObject): void {
  for (const k of Object.keys(obj)) if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) delete obj[k];
  for (const [k, v] of Object.entries(old)) {
    if (!['status', 'metadata', 'apiVersion', 'kind'].includes(k)) obj[k] = structuredClone(v);
  }
  obj.metadata ??= {};
  for (const k of STATUS_RESET_META) {
    if (old.metadata?.[k] === undefined) delete obj.metadata[k];
    else obj.metadata[k] = structuredClone(old.metadata[k]);
  }
}

export function statusStrategy(rules: MetaRules, extra?: (obj: KObject, old: KObject) => ErrorList): StatusStrategy {
  return {
    prepareForUpdate: statusOnlyUpdate,
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata, rules), ...(extra?.(obj, old) ?? [])],
  };
}

/** Reads a dotted path of a plain object (`spec.nodeName`) as the string a field selector compares. */
export function fieldValue(obj: unknown, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[part] : undefined;
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

/** selectableFields for plain dotted paths. */
export const selectable =
  (...paths: string[]) =>
  (obj: KObject): Record<string, string> =>
    Object.fromEntries(paths.map((p) => [p, fieldValue(obj, p)]));

/** Composes a create-only preparation with status reset. */
export const onCreate =
  (initial: Record<string, unknown> = {}, more?: (obj: KObject) => void) =>
  (obj: KObject): void => {
    resetStatus(obj, initial);
    more?.(obj);
  };
