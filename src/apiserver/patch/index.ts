/** The patch formats the API server applies: JSON patch, JSON merge patch and strategic merge patch. */
export {
  applyPatch,
  mediaTypeOf,
  JSON_PATCH,
  MERGE_PATCH,
  STRATEGIC_MERGE_PATCH,
  PATCH_CONTENT_TYPES,
  type GroupVersionKind,
  type PatchContentType,
} from './apply.js';
export { PatchError, type PatchErrorCode } from './errors.js';
export { applyJsonPatch, validateJsonPatch } from './json-patch.js';
export { applyMergePatch, mergePatch } from './merge-patch.js';
export { applyStrategicMergePatch } from './strategic.js';
