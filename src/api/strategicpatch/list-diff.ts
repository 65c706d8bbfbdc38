/**
 * The two-way diff of one list field (the list half of two-way.ts).
 * - A list whose field does not merge (no `patchStrategy: merge`, e.g. `listType=atomic`) is sent whole when it
 *   changed.
 * - A merging list of maps sends, in the order of the modified list, each new element whole and each changed
 *   element as its own diff plus the merge key, then `{<key>: v, $patch: delete}` for each removed element.
 * - A merging list of primitives sends the added values; the removed ones go in `$deleteFromPrimitiveList/<field>`.
 * A merging list also gets `$setElementOrder/<field>` (the modified list's merge keys, or values, in order) when its
 * content or only its order changed, so the server orders the result as the modified list.
 */
import type { FieldMeta, PatchMetaWalker } from '../patchmeta/index.js';
import { isAbsent, isObject, jsonClone, jsonEqual, keyString, type Obj } from './values.js';

export type DiffMapFn = (original: Obj, modified: Obj, meta: PatchMetaWalker, retainKeys: boolean) => Obj;

export interface ListDiff {
  /** The patch list (`<field>`). */
  patch?: unknown[];
  /** `$setElementOrder/<field>`. */
  order?: unknown[];
  /** `$deleteFromPrimitiveList/<field>`. */
  deletions?: unknown[];
}

export function diffList(original: unknown[], modified: unknown[], fm: FieldMeta, diffMap: DiffMapFn): ListDiff {
  if (!fm.merge) return jsonEqual(original, modified) ? {} : { patch: jsonClone(modified) };
  if (fm.mergeKey !== undefined) return diffMapList(original, modified, fm, fm.mergeKey, diffMap);
  return diffPrimitiveList(original, modified);
}

/** The merge-key identity of a list element; an element without the key cannot be diffed. */
function keyOf(e: unknown, mergeKey: string): string {
  if (!isObject(e)) throw new Error(`cannot diff a merging list: element ${keyString(e)} is not a map with merge key "${mergeKey}"`);
  if (isAbsent(e[mergeKey])) throw new Error(`cannot diff a merging list: element ${keyString(e)} has no merge key "${mergeKey}"`);
  return keyString(e[mergeKey]);
}

const sameSequence = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

function diffMapList(original: unknown[], modified: unknown[], fm: FieldMeta, mergeKey: string, diffMap: DiffMapFn): ListDiff {
  const before = new Map<string, Obj>();
  for (const e of original) {
    const k = keyOf(e, mergeKey);
    if (!before.has(k)) before.set(k, e as Obj);
  }
  const after = new Set<string>();
  const patch: unknown[] = [];
  for (const e of modified) {
    const k = keyOf(e, mergeKey);
    if (after.has(k)) continue;
    after.add(k);
    const m = e as Obj;
    const o = before.get(k);
    if (!o) {
      patch.push(jsonClone(m));
      continue;
    }
    const d = diffMap(o, m, fm.child, fm.retainKeys);
    if (Object.keys(d).length > 0) patch.push({ [mergeKey]: jsonClone(m[mergeKey]), ...d });
  }
  for (const [k, o] of before) if (!after.has(k)) patch.push({ [mergeKey]: jsonClone(o[mergeKey]), $patch: 'delete' });
  const out: ListDiff = {};
  if (patch.length > 0) out.patch = patch;
  const keys = (l: unknown[]) => l.map((e) => keyOf(e, mergeKey));
  if (patch.length > 0 || !sameSequence(keys(original), keys(modified))) {
    out.order = modified.map((e) => ({ [mergeKey]: jsonClone((e as Obj)[mergeKey]) }));
  }
  return out;
}

function primitiveKey(v: unknown): string {
  if (isObject(v) || Array.isArray(v)) throw new Error(`cannot diff a merging list without a merge key: element ${keyString(v)} is not a primitive`);
  return keyString(v);
}

/** The values of `list` not in `other`, first occurrences only, in list order. */
function missingFrom(list: unknown[], other: ReadonlySet<string>): unknown[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const k = primitiveKey(v);
    const keep = !other.has(k) && !seen.has(k);
    seen.add(k);
    return keep;
  });
}

function diffPrimitiveList(original: unknown[], modified: unknown[]): ListDiff {
  const before = original.map(primitiveKey);
  const after = modified.map(primitiveKey);
  const out: ListDiff = {};
  const added = missingFrom(modified, new Set(before));
  const removed = missingFrom(original, new Set(after));
  if (added.length > 0) out.patch = added;
  if (removed.length > 0) out.deletions = removed;
  if (!sameSequence(before, after)) out.order = jsonClone(modified);
  return out;
}
