/**
 * Element order after a strategic merge of a list (the "preserve order" proposal, as upstream implements it).
 * The merged list is split into *patch items* (those named by the order list: `$setElementOrder/<field>`, or by
 * default the patch list itself) and *server-only items* (the rest). Patch items are sorted by the order list;
 * server-only items keep their order. The two are then interleaved by their positions in the live list: a
 * server-only item comes before a patch item when both are in the live list and it was before it there; otherwise
 * the patch item comes first. Reordering never adds or drops elements.
 */
import { badPatch } from './errors.js';

/** The identity of an element: its merge-key value for maps, the value itself for primitives. */
export type KeyOf = (element: unknown) => string | undefined;

export const keyString = (v: unknown): string => JSON.stringify(v) ?? 'undefined';

function positions(list: readonly unknown[], keyOf: KeyOf): Map<string, number> {
  const out = new Map<string, number>();
  list.forEach((e, i) => {
    const k = keyOf(e);
    if (k !== undefined && !out.has(k)) out.set(k, i);
  });
  return out;
}

/** Interleaves `serverOnly` into `patchItems` by live position (see the file comment). */
function interleave(serverOnly: unknown[], patchItems: unknown[], live: Map<string, number>, keyOf: KeyOf): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  const pos = (e: unknown): number | undefined => {
    const k = keyOf(e);
    return k === undefined ? undefined : live.get(k);
  };
  while (i < serverOnly.length && j < patchItems.length) {
    const l = pos(serverOnly[i]);
    const r = pos(patchItems[j]);
    if (l !== undefined && r !== undefined && l < r) out.push(serverOnly[i++]);
    else out.push(patchItems[j++]);
  }
  return out.concat(serverOnly.slice(i), patchItems.slice(j));
}

/**
 * Orders `merged` by `orderKeys` (element identities, as `keyString` of the key value) relative to `live`
 * (the list before the patch).
 */
export function orderMerged(merged: unknown[], live: readonly unknown[], orderKeys: readonly string[], keyOf: KeyOf): unknown[] {
  const rank = new Map<string, number>();
  orderKeys.forEach((k, i) => {
    if (!rank.has(k)) rank.set(k, i);
  });
  const rankOf = (e: unknown): number | undefined => {
    const k = keyOf(e);
    return k === undefined ? undefined : rank.get(k);
  };
  const patchItems = merged.filter((e) => rankOf(e) !== undefined);
  const serverOnly = merged.filter((e) => rankOf(e) === undefined);
  patchItems.sort((a, b) => (rankOf(a) ?? 0) - (rankOf(b) ?? 0));
  return interleave(serverOnly, patchItems, positions(live, keyOf), keyOf);
}

/**
 * Checks a `$setElementOrder` list against its patch list, as upstream does: every item of the patch list must be
 * named by the order list, in the same relative order.
 */
export function validateOrder(orderKeys: readonly string[], patchKeys: readonly string[]): void {
  let last = -1;
  for (const k of patchKeys) {
    const at = orderKeys.indexOf(k, last + 1);
    if (at < 0) throw badPatch('invalid patch format of setElementOrder list: the patch list must be a subset of it, in the same order');
    last = at;
  }
}
