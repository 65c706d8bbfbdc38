/**
 * A reduced strategic merge for the StubClient: exactly what the status manager's patches use. Maps merge and
 * `null` deletes a member; a list whose field merges by a key merges element by element (`{<key>: v, $patch:
 * delete}` removes one) and is then ordered by `$setElementOrder/<field>` (named elements in that order, the others
 * after them); every other list is replaced. Any other directive is refused loudly. The full implementation is the
 * API server's (src/apiserver/patch), which a component may not import; status-patch.test.ts holds this one to it.
 */
import type { FieldMeta, PatchMetaWalker } from '../../api/patchmeta/index.js';
import { newBadRequest } from '../../machinery/errors/status.js';

type Obj = Record<string, unknown>;

const SET_ELEMENT_ORDER = '$setElementOrder/';
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `live` with `patch` applied (neither is modified). */
export function applyStatusPatch(live: Obj, patch: Obj, meta: PatchMetaWalker): Obj {
  const out: Obj = structuredClone(live);
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith('$')) throw newBadRequest(`the stub client does not support the directive ${key}`);
    if (value === null) delete out[key];
    else if (isObject(value)) out[key] = applyStatusPatch(isObject(out[key]) ? out[key] : {}, value, meta.field(key).child);
    else if (Array.isArray(value)) out[key] = mergeList(Array.isArray(out[key]) ? out[key] : [], value, meta.field(key));
    else out[key] = value;
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const mergeKey = meta.field(field).mergeKey;
    if (mergeKey === undefined || !Array.isArray(order)) throw newBadRequest(`the stub client cannot order ${field}`);
    if (Array.isArray(out[field])) out[field] = reorder(out[field], order, mergeKey);
  }
  return out;
}

function mergeList(live: unknown[], patch: unknown[], fm: FieldMeta): unknown[] {
  if (!fm.merge) return structuredClone(patch);
  const mk = fm.mergeKey;
  if (mk === undefined) throw newBadRequest('the stub client does not merge lists of primitives');
  const out = [...live];
  for (const item of patch) {
    if (!isObject(item)) throw newBadRequest(`not a map: ${JSON.stringify(item)}`);
    const at = out.findIndex((e) => isObject(e) && e[mk] === item[mk]);
    if (item['$patch'] === 'delete') {
      if (at >= 0) out.splice(at, 1);
      continue;
    }
    const merged = applyStatusPatch(at >= 0 ? (out[at] as Obj) : {}, item, fm.child);
    if (at >= 0) out[at] = merged;
    else out.push(merged);
  }
  return out;
}

function reorder(list: unknown[], order: unknown[], mergeKey: string): unknown[] {
  const rank = new Map(order.map((e, i) => [(e as Obj)[mergeKey], i] as const));
  const named = list.filter((e) => rank.has((e as Obj)[mergeKey]));
  named.sort((a, b) => rank.get((a as Obj)[mergeKey])! - rank.get((b as Obj)[mergeKey])!);
  return [...named, ...list.filter((e) => !rank.has((e as Obj)[mergeKey]))];
}
