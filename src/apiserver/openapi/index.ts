/** OpenAPI documents (v3 per group-version, v2) and server-side unknown/duplicate field detection. */
export type { OpenApiOptions, OpenApiResponse, OpenApiService, HeaderBag } from './service.js';
export { createOpenApiService, PROTOBUF_V2_CONTENT_TYPE } from './service.js';
export type { OpenApiResource } from './operations.js';
export type { FieldIssue, UnknownFieldOptions } from './field-validation.js';
export {
  cannotBeHandledMessage,
  fieldValidationWarnings,
  findFieldIssues,
  findUnknownFields,
  pruneUnknownFields,
  findTypeMismatch,
  typeMismatchMessage,
  type TypeMismatch,
  strictDecodingError,
} from './field-validation.js';
export { findDuplicateFields } from './json-keys.js';
export type { GroupVersionKind } from './schemas.js';
export { schemaNameForKind } from './schemas.js';
