/**
 * How objects are kept in the Store: JSON without `metadata.resourceVersion` (the store's revision is the
 * resourceVersion, set on the way out), under `/registry/[<group>/]<resource>/[<namespace>/]<name>`.
 */
import type { StoredValue } from '../../../storage/interface.js';
import type { KObject, ResourceInfo } from '../resource.js';

export function resourcePrefix(info: ResourceInfo): string {
  return `/registry/${info.group ? `${info.group}/` : ''}${info.resource}/`;
}

/** Prefix of one namespace's objects, or of all of them when `namespace` is empty. */
export function listPrefix(info: ResourceInfo, namespace: string): string {
  const base = resourcePrefix(info);
  return info.namespaced && namespace ? `${base}${namespace}/` : base;
}

export function objectKey(info: ResourceInfo, namespace: string, name: string): string {
  return info.namespaced ? `${resourcePrefix(info)}${namespace}/${name}` : `${resourcePrefix(info)}${name}`;
}

export function encodeObject(obj: KObject): string {
  const rv = obj.metadata?.resourceVersion;
  if (rv === undefined) return JSON.stringify(obj);
  delete obj.metadata.resourceVersion;
  try {
    return JSON.stringify(obj);
  } finally {
    obj.metadata.resourceVersion = rv;
  }
}

export function decodeObject<T extends KObject = KObject>(sv: StoredValue): T {
  const obj = JSON.parse(sv.value) as T;
  obj.metadata = obj.metadata ?? {};
  obj.metadata.resourceVersion = sv.revision;
  return obj;
}

/** RFC 3339 with second precision, as metav1.Time serialises. */
export const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** RFC 3339 with microseconds, as metav1.MicroTime serialises. */
export const rfc3339Micro = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** What a spec change is measured on: everything but metadata, status and type meta. */
export function specOf(obj: KObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return JSON.stringify(rest);
}
