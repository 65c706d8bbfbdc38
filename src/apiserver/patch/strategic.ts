/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), as upstream applies it server-side: a JSON
 * merge patch whose lists merge according to the `patchStrategy`/`patchMergeKey` metadata of their fields, plus
 * the directives of smp-directives.ts. Maps merge recursively and `null` deletes a key; `$patch: replace` on a map
 * takes the patch map as the new value, `$patch: delete` removes the map; `$retainKeys` drops live keys it does not
 * list; `$deleteFromPrimitiveList/<f>` removes values from a primitive list; `$setElementOrder/<f>` orders a list.
 */
import type { FieldMeta, PatchMetaWalker } from '../../api/patchmeta/index.js';
import { badPatch, goFormat, patchDoesNotApply } from './errors.js';
import { isObject, setKey } from './merge-patch.js';
import { DELETED, splitDirectives, withoutPatchType, type MergeResult, type Obj } from './smp-directives.js';
import { mergeList, reorderList } from './smp-list.js';
import { keyString } from './smp-order.js';

/** Applies `patch` to a deep copy of `live`, walking field metadata with `meta`. */
export function applyStrategicMergePatch(live: unknown, patch: unknown, meta: PatchMetaWalker): Obj {
  if (!isObject(patch)) throw badPatch('strategic merge patch must be a JSON object');
  const base = isObject(live) ? (structuredClone(live) as Obj) : {};
  const out = mergeMap(base, patch, meta);
  return out === DELETED ? {} : out;
}

/** Merges `patch` into `live` in place (the caller owns `live`), or answers DELETED for `$patch: delete`. */
export function mergeMap(live: Obj, patch: Obj, meta: PatchMetaWalker): MergeResult {
  const d = splitDirectives(patch);
  if (d.patchType === 'delete') return DELETED;
  if (d.patchType === 'replace') return mergeMap({}, withoutPatchType(patch), meta);
  if (d.retainKeys !== undefined) retainKeys(live, d.retainKeys, patch, d.fields);
  for (const [field, values] of d.deletions) deleteFromPrimitiveList(live, field, values);
  for (const field of d.fields) mergeField(live, field, patch[field], meta.field(field), d.orders.get(field));
  for (const [field, order] of d.orders) {
    if (!Object.hasOwn(patch, field) && Array.isArray(live[field])) {
      setKey(live, field, reorderList(live[field] as unknown[], meta.field(field), order));
    }
  }
  return live;
}

function mergeField(live: Obj, field: string, value: unknown, fm: FieldMeta, order: unknown[] | undefined): void {
  if (value === null) {
    delete live[field];
    return;
  }
  const current = Object.hasOwn(live, field) ? live[field] : undefined;
  if (isObject(value)) {
    const merged = mergeMap(isObject(current) ? current : {}, value, fm.child);
    if (merged === DELETED) delete live[field];
    else setKey(live, field, merged);
  } else if (Array.isArray(value)) {
    setKey(live, field, mergeList(Array.isArray(current) ? current : [], value, fm, order, mergeMap));
  } else {
    setKey(live, field, value);
  }
}

/**
 * `$retainKeys`: every data key of the patch (other than a `null`) must be listed, else the patch contradicts
 * itself (422); live keys that are not listed are cleared before the merge.
 */
function retainKeys(live: Obj, keep: string[], patch: Obj, fields: string[]): void {
  const listed = new Set(keep);
  for (const f of fields) {
    if (patch[f] !== null && !listed.has(f)) {
      throw patchDoesNotApply(`patch content doesn't match retainKeys list: ${JSON.stringify(f)} is not in ${goFormat(keep)}`);
    }
  }
  for (const k of Object.keys(live)) if (!listed.has(k)) delete live[k];
}

/** `$deleteFromPrimitiveList/<field>`: removes every occurrence of the listed values from the live list. */
function deleteFromPrimitiveList(live: Obj, field: string, values: unknown[]): void {
  const current = Object.hasOwn(live, field) ? live[field] : undefined;
  if (current === undefined) return;
  if (!Array.isArray(current)) {
    throw badPatch(`invalid patch format of primitive list: ${field} is not a list in the object`);
  }
  const drop = new Set(values.map((v) => keyString(v)));
  setKey(live, field, current.filter((e) => !drop.has(keyString(e))));
}
