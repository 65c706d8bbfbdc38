/**
 * Patches in the fake. JSON merge patch (RFC 7386) is exact. A strategic merge patch is applied as a merge
 * patch: right for maps and scalars (what controllers patch: labels, annotations, finalizers set whole, status
 * fields), wrong for lists merged by key (containers, conditions) and for `$patch` directives — the client layer
 * may not import the server's SMP implementation, so tests of list merging belong against the real API server.
 * JSON patch (RFC 6902) uses fast-json-patch.
 */
import jsonPatch from 'fast-json-patch';
import { newBadRequest } from '../../machinery/errors/status.js';
import type { KubeObject, PatchType } from '../interface.js';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isMap(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isMap(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

export function applyPatch(current: KubeObject, type: PatchType, patch: unknown): KubeObject {
  if (type === 'merge' || type === 'strategic') {
    if (!isMap(patch)) throw newBadRequest('a merge patch must be a JSON object');
    return mergePatch(current, patch) as KubeObject;
  }
  if (type === 'json') {
    if (!Array.isArray(patch)) throw newBadRequest('a JSON patch must be a list of operations');
    try {
      return jsonPatch.applyPatch(structuredClone(current), patch as jsonPatch.Operation[], true, false).newDocument;
    } catch (e) {
      throw newBadRequest(`the JSON patch could not be applied: ${(e as Error).message}`);
    }
  }
  throw newBadRequest(`unsupported patch type ${String(type)}`);
}
