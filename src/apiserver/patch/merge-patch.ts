/**
 * JSON Merge Patch (RFC 7386, `application/merge-patch+json`): objects merge recursively, `null` deletes a key,
 * anything else (lists included) replaces. Returns a new value; `target` is not modified.
 */
import { badPatch } from './errors.js';

export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets an own, enumerable key, also when it is `__proto__` (JSON.parse makes that an ordinary key). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** RFC 7386 MergePatch(target, patch). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else setKey(out, key, mergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value));
  }
  return out;
}

/** The API server's merge patch: the patch must be a JSON object (an API object cannot become a scalar or list). */
export function applyMergePatch(live: unknown, patch: unknown): Record<string, unknown> {
  if (!isObject(patch)) throw badPatch('merge patch must be a JSON object');
  return mergePatch(structuredClone(live), patch) as Record<string, unknown>;
}
