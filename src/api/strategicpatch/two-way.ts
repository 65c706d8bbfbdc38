/**
 * The two-way strategic merge patch (upstream's strategicpatch.CreateTwoWayMergePatch): the patch that turns
 * `original` into `modified` when the API server applies it as `application/strategic-merge-patch+json`, computed
 * with the patch metadata of the kind (src/api/patchmeta) so lists merge the way the server merges them.
 *
 * - A member only in `modified` is sent whole; one only in `original` is sent as `null` (delete); equal members
 *   are left out, so an unchanged object gives `{}`.
 * - Maps diff recursively; lists as list-diff.ts describes (whole when they do not merge, element by element with
 *   `$patch: delete`, `$deleteFromPrimitiveList` and `$setElementOrder` when they do).
 * - A map under a `retainKeys` field also gets `$retainKeys` (the keys of the modified map, sorted) when anything
 *   in it changed, so the server clears the keys it does not list.
 * - `undefined` and `null` members count as absent on both sides (JSON has no undefined; `null` would mean delete).
 *
 * Applying the result to `original` gives `modified` (up to key order); applied to a newer object it changes only
 * what differs between the two, which is what makes it safe without a resourceVersion.
 */
import type { PatchMetaWalker } from '../patchmeta/index.js';
import { diffList } from './list-diff.js';
import { getKey, isAbsent, isObject, jsonClone, jsonEqual, setKey, type Obj } from './values.js';

export const SET_ELEMENT_ORDER = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
export const RETAIN_KEYS = '$retainKeys';

/** The patch from `original` to `modified` (both objects of the kind `meta` walks); `{}` when they are equal. */
export function createTwoWayMergePatch(original: unknown, modified: unknown, meta: PatchMetaWalker): Obj {
  return diffMaps(isObject(original) ? original : {}, isObject(modified) ? modified : {}, meta, false);
}

function diffMaps(original: Obj, modified: Obj, meta: PatchMetaWalker, retainKeys: boolean): Obj {
  const patch: Obj = {};
  for (const [key, mv] of Object.entries(modified)) {
    if (isAbsent(mv)) continue;
    const ov = getKey(original, key);
    if (isAbsent(ov)) setKey(patch, key, jsonClone(mv));
    else diffMember(patch, key, ov, mv, meta);
  }
  for (const [key, ov] of Object.entries(original)) {
    if (!isAbsent(ov) && isAbsent(getKey(modified, key))) setKey(patch, key, null);
  }
  if (retainKeys && Object.keys(patch).length > 0) {
    patch[RETAIN_KEYS] = Object.keys(modified).filter((k) => !isAbsent(modified[k])).sort();
  }
  return patch;
}

function diffMember(patch: Obj, key: string, ov: unknown, mv: unknown, meta: PatchMetaWalker): void {
  if (isObject(ov) && isObject(mv)) {
    const fm = meta.field(key);
    const d = diffMaps(ov, mv, fm.child, fm.retainKeys);
    if (Object.keys(d).length > 0) setKey(patch, key, d);
  } else if (Array.isArray(ov) && Array.isArray(mv)) {
    const d = diffList(ov, mv, meta.field(key), diffMaps);
    if (d.patch) setKey(patch, key, d.patch);
    if (d.order) patch[SET_ELEMENT_ORDER + key] = d.order;
    if (d.deletions) patch[DELETE_FROM_PRIMITIVE_LIST + key] = d.deletions;
  } else if (!jsonEqual(ov, mv)) {
    setKey(patch, key, jsonClone(mv));
  }
}
