/**
 * The one entry point the PATCH handler calls: decode the body, pick the patcher by Content-Type, apply it to a
 * deep copy of the live object. Failures are `PatchError`s (400 malformed, 415 not accepted, 422 does not apply).
 */
import { patchMetaFor } from '../../api/patchmeta/index.js';
import { badPatch, PatchError } from './errors.js';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch, isObject } from './merge-patch.js';
import { applyStrategicMergePatch } from './strategic.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

export type PatchContentType = typeof JSON_PATCH | typeof MERGE_PATCH | typeof STRATEGIC_MERGE_PATCH;
export const PATCH_CONTENT_TYPES: readonly PatchContentType[] = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH];

export interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** `application/merge-patch+json; charset=utf-8` → `application/merge-patch+json`. */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

function decode(body: Buffer | string, what: string): unknown {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badPatch(`error decoding ${what}: ${(err as Error).message}`);
  }
}

/** Upstream's 415 message; `accepted` lists the patch types the kind does accept. */
function unsupported(accepted: string): PatchError {
  return new PatchError(415, `the body of the request was in an unknown format - accepted media types include: ${accepted}`);
}

/** Applies a PATCH body of `contentType` to `live` (not modified) and returns the patched object. */
export function applyPatch(
  gvk: GroupVersionKind,
  live: object,
  patchBody: Buffer | string,
  contentType: PatchContentType | string,
): Record<string, unknown> {
  const media = mediaTypeOf(contentType);
  switch (media) {
    case JSON_PATCH: {
      const out = applyJsonPatch(live, decode(patchBody, 'json patch'));
      if (!isObject(out)) throw new PatchError(422, 'json patch must leave a JSON object');
      return out;
    }
    case MERGE_PATCH:
      return applyMergePatch(live, decode(patchBody, 'merge patch'));
    case STRATEGIC_MERGE_PATCH: {
      const meta = patchMetaFor(gvk.group, gvk.version, gvk.kind);
      if (!meta) throw unsupported(`${JSON_PATCH}, ${MERGE_PATCH}, application/apply-patch+yaml`);
      return applyStrategicMergePatch(live, decode(patchBody, 'strategic merge patch'), meta);
    }
    default:
      throw unsupported(`${PATCH_CONTENT_TYPES.join(', ')}, application/apply-patch+yaml`);
  }
}
