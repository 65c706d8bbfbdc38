/**
 * The directives of strategic merge patch (kubernetes/community sig-api-machinery/strategic-merge-patch.md):
 * `$patch: replace|merge|delete`, `$retainKeys`, and the parallel lists `$setElementOrder/<field>` and
 * `$deleteFromPrimitiveList/<field>`. This module separates them from the data keys of one patch map and checks
 * their shapes; anything else starting with `$` is an unknown directive.
 */
import { badPatch, goFormat } from './errors.js';

export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** `$`-keys that are data, not directives (JSONSchemaProps in CustomResourceDefinitions). */
const DATA_KEYS = new Set(['$ref', '$schema']);

export type Obj = Record<string, unknown>;

export interface MapDirectives {
  /** `$patch` of the map: replace, merge or delete. */
  patchType?: 'replace' | 'merge' | 'delete';
  retainKeys?: string[];
  /** `$setElementOrder/<field>` lists by field. */
  orders: Map<string, unknown[]>;
  /** `$deleteFromPrimitiveList/<field>` lists by field. */
  deletions: Map<string, unknown[]>;
  /** Data keys in patch order. */
  fields: string[];
}

export function patchTypeOf(value: unknown, where: Obj): 'replace' | 'merge' | 'delete' {
  if (value === 'replace' || value === 'merge' || value === 'delete') return value;
  throw badPatch(`unknown patch type: ${goFormat(value)} in map: ${goFormat(where)}`);
}

function listDirective(key: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const what = key.startsWith(SET_ELEMENT_ORDER) ? 'setElementOrder list' : 'primitive list';
  throw badPatch(`invalid patch format of ${what}: ${key} must be a list, got ${goFormat(value)}`);
}

function retainKeysOf(value: unknown): string[] {
  if (Array.isArray(value) && value.every((k) => typeof k === 'string')) return value;
  throw badPatch(`invalid patch format of retainKeys: ${goFormat(value)} is not a list of field names`);
}

/** Splits one patch map into its directives and data keys, rejecting unknown directives. */
export function splitDirectives(patch: Obj): MapDirectives {
  const d: MapDirectives = { orders: new Map(), deletions: new Map(), fields: [] };
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith('$') || DATA_KEYS.has(key)) d.fields.push(key);
    else if (key === PATCH_DIRECTIVE) d.patchType = patchTypeOf(value, patch);
    else if (key === RETAIN_KEYS) d.retainKeys = retainKeysOf(value);
    else if (key.startsWith(SET_ELEMENT_ORDER) && key.length > SET_ELEMENT_ORDER.length) {
      d.orders.set(key.slice(SET_ELEMENT_ORDER.length), listDirective(key, value));
    } else if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) && key.length > DELETE_FROM_PRIMITIVE_LIST.length) {
      d.deletions.set(key.slice(DELETE_FROM_PRIMITIVE_LIST.length), listDirective(key, value));
    } else throw badPatch(`unknown strategic merge patch directive ${JSON.stringify(key)} in map: ${goFormat(patch)}`);
  }
  return d;
}

/** A copy of `patch` without its `$patch` key. */
export function withoutPatchType(patch: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k !== PATCH_DIRECTIVE) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** What merging a map answers for `$patch: delete`: the caller removes the map (or list element). */
export const DELETED: unique symbol = Symbol('deleted');
export type MergeResult = Obj | typeof DELETED;
