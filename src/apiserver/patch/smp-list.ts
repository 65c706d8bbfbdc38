/**
 * Strategic merge of one list field. Lists whose field has `patchStrategy: merge` merge: maps by their merge key
 * (a patch element updates the live element with the same key, recursively, or is added), primitives as a set.
 * Every other list is replaced by the patch list. In a merging list, `{$patch: replace}` replaces the list with the
 * other patch elements, and `{<key>: v, $patch: delete}` deletes the live elements with that key.
 */
import type { FieldMeta, PatchMetaWalker } from '../../api/patchmeta/index.js';
import { badPatch, goFormat } from './errors.js';
import { isObject } from './merge-patch.js';
import { DELETED, PATCH_DIRECTIVE, patchTypeOf, withoutPatchType, type MergeResult, type Obj } from './smp-directives.js';
import { keyString, orderMerged, validateOrder, type KeyOf } from './smp-order.js';

export type MergeMapFn = (live: Obj, patch: Obj, meta: PatchMetaWalker) => MergeResult;

interface ListPatch {
  replace: boolean;
  /** Merge-key identities (`keyString`) of `$patch: delete` elements. */
  deleteKeys: Set<string>;
  /** The data elements, in patch order. */
  items: unknown[];
}

const hasDirective = (e: unknown): e is Obj => isObject(e) && Object.hasOwn(e, PATCH_DIRECTIVE);

/** The identity of a map element: its merge-key value; an element without the key is an error. */
function requireKey(e: Obj, mergeKey: string | undefined): string {
  if (mergeKey === undefined) throw badPatch(`cannot merge lists without merge key: ${goFormat(e)}`);
  if (!Object.hasOwn(e, mergeKey)) throw badPatch(`map: ${goFormat(e)} does not contain declared merge key: ${mergeKey}`);
  return keyString(e[mergeKey]);
}

function scanList(patch: unknown[], mergeKey: string | undefined): ListPatch {
  const out: ListPatch = { replace: false, deleteKeys: new Set(), items: [] };
  out.replace = patch.some((e) => hasDirective(e) && patchTypeOf(e[PATCH_DIRECTIVE], e) === 'replace');
  for (const e of patch) {
    if (!hasDirective(e)) out.items.push(e);
    else if (out.replace) continue; // further $patch elements are ignored in a replaced list
    else if (patchTypeOf(e[PATCH_DIRECTIVE], e) === 'delete') out.deleteKeys.add(requireKey(e, mergeKey));
    else if (Object.keys(e).length > 1) out.items.push(withoutPatchType(e)); // `$patch: merge` is the default
  }
  return out;
}

const primitiveKey: KeyOf = (e) => keyString(e);
const mapKey =
  (mergeKey: string): KeyOf =>
  (e) =>
    isObject(e) && Object.hasOwn(e, mergeKey) ? keyString(e[mergeKey]) : undefined;

function mergeByKey(live: unknown[], p: ListPatch, fm: FieldMeta, mergeMap: MergeMapFn): unknown[] {
  const keyOf = mapKey(fm.mergeKey as string);
  const result = live.filter((e) => {
    const k = keyOf(e);
    return k === undefined || !p.deleteKeys.has(k);
  });
  for (const item of p.items) {
    if (!isObject(item)) throw badPatch(`invalid list element ${goFormat(item)}: expected a map with merge key ${fm.mergeKey}`);
    const k = requireKey(item, fm.mergeKey);
    const at = result.findIndex((e) => keyOf(e) === k);
    const merged = mergeMap(at >= 0 ? (result[at] as Obj) : {}, item, fm.child);
    if (merged === DELETED) {
      if (at >= 0) result.splice(at, 1);
    } else if (at >= 0) result[at] = merged;
    else result.push(merged);
  }
  return result;
}

function mergeAsSet(live: unknown[], p: ListPatch): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const e of [...live, ...p.items]) {
    if (isObject(e) || Array.isArray(e)) throw badPatch(`cannot merge lists without merge key: ${goFormat(e)}`);
    const k = keyString(e);
    if (!seen.has(k)) out.push(e);
    seen.add(k);
  }
  return out;
}

/** The identities named by a `$setElementOrder` list. */
function orderKeys(order: unknown[], mergeKey: string | undefined): string[] {
  if (mergeKey === undefined) return order.map((e) => keyString(e));
  return order.map((e) => {
    if (!isObject(e)) throw badPatch(`invalid patch format of setElementOrder list: ${goFormat(e)} is not a map`);
    return requireKey(e, mergeKey);
  });
}

/** Reorders a live merging list by `$setElementOrder` alone (no patch list for the field). */
export function reorderList(live: unknown[], fm: FieldMeta, order: unknown[]): unknown[] {
  if (!fm.merge) return live;
  const keyOf = fm.mergeKey === undefined ? primitiveKey : mapKey(fm.mergeKey);
  return orderMerged(live, live, orderKeys(order, fm.mergeKey), keyOf);
}

/** Merges the patch list `patch` into the live list `live` (a deep copy the caller owns). */
export function mergeList(live: unknown[], patch: unknown[], fm: FieldMeta, order: unknown[] | undefined, mergeMap: MergeMapFn): unknown[] {
  if (!fm.merge) return structuredClone(patch);
  const p = scanList(patch, fm.mergeKey);
  if (p.replace) {
    const items = p.items.map((e) => (isObject(e) ? mergeMap({}, e, fm.child) : e));
    return items.filter((e) => e !== DELETED);
  }
  const keyOf = fm.mergeKey === undefined ? primitiveKey : mapKey(fm.mergeKey);
  const merged = fm.mergeKey === undefined ? mergeAsSet(live, p) : mergeByKey(live, p, fm, mergeMap);
  const patchKeys = p.items.map((e) => keyOf(e) as string);
  const byPatch = orderMerged(merged, live, patchKeys, keyOf);
  if (order === undefined) return byPatch;
  const keys = orderKeys(order, fm.mergeKey);
  validateOrder(keys, patchKeys);
  return orderMerged(byPatch, live, keys, keyOf);
}
