/**
 * API errors as upstream `Status` objects (k8s.io/apimachinery/pkg/api/errors). Build them with the constructors
 * below and test them with the predicates (never by message text). `details.kind` is the *resource* (e.g.
 * "configmaps" or "deployments.apps") for NotFound/AlreadyExists/Conflict and the *Kind* for Invalid, as kubectl
 * expects.
 */
export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Gone'
  | 'Expired'
  | 'Invalid'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'RequestEntityTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'NotImplemented';

export type CauseType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid'
  | 'UnexpectedServerResponse'
  | 'FieldManagerConflict'
  | 'ResourceVersionTooLarge';

export interface StatusCause {
  reason?: CauseType | string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { resourceVersion?: string; continue?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason | '';
  details?: StatusDetails;
  code: number;
}

/** An error that carries the Status the API answers with. */
export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** Identifies a resource in messages: `configmaps` or `deployments.apps`. */
export interface GroupResource {
  group: string;
  resource: string;
}

export const groupResourceString = (gr: GroupResource): string =>
  gr.group ? `${gr.resource}.${gr.group}` : gr.resource;

function make(code: number, reason: StatusReason, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new StatusError(status);
}

const grDetails = (gr: GroupResource, name: string): StatusDetails => {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  return d;
};

export const newNotFound = (gr: GroupResource, name: string): StatusError =>
  make(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, grDetails(gr, name));

export const newAlreadyExists = (gr: GroupResource, name: string): StatusError =>
  make(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, grDetails(gr, name));

export const newConflict = (gr: GroupResource, name: string, err: string): StatusError =>
  make(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${err}`, grDetails(gr, name));

/** The message upstream uses for a stale resourceVersion. */
export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export interface GroupKind {
  group: string;
  kind: string;
}

/** 422 Invalid: `The ConfigMap "x" is invalid: <causes joined by ", ">`. */
export function newInvalid(gk: GroupKind, name: string, causes: StatusCause[]): StatusError {
  const qualified = gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
  let message = `${qualified} "${name}" is invalid`;
  const parts = causes.map((c) => (c.field ? `${c.field}: ${c.message ?? ''}` : (c.message ?? '')));
  if (parts.length === 1) message += `: ${parts[0]}`;
  else if (parts.length > 1) message += `: [${parts.join(', ')}]`;
  const d: StatusDetails = { name, kind: gk.kind, causes };
  if (gk.group) d.group = gk.group;
  return make(422, 'Invalid', message, d);
}

export const newBadRequest = (message: string): StatusError => make(400, 'BadRequest', message);

export const newUnauthorized = (message = 'Unauthorized'): StatusError => make(401, 'Unauthorized', message);

export const newForbidden = (gr: GroupResource, name: string, err: string): StatusError =>
  make(403, 'Forbidden', `${groupResourceString(gr)} "${name}" is forbidden: ${err}`, grDetails(gr, name));

export const newMethodNotSupported = (gr: GroupResource, action: string): StatusError =>
  make(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${groupResourceString(gr)}"`, {
    kind: gr.resource,
    ...(gr.group ? { group: gr.group } : {}),
  });

export const newNotAcceptable = (message: string): StatusError => make(406, 'NotAcceptable', message);

/** 410 for a too-old resourceVersion (watch, list at RV, continue token). */
export const newGone = (message: string): StatusError => make(410, 'Gone', message);

export const newResourceExpired = (message: string): StatusError => make(410, 'Expired', message);

export const newRequestEntityTooLarge = (message: string): StatusError =>
  make(413, 'RequestEntityTooLarge', `Request entity too large: ${message}`);

export const newUnsupportedMediaType = (contentType: string): StatusError =>
  make(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got ${contentType})`);

export const newTooManyRequests = (message: string, retryAfterSeconds: number): StatusError =>
  make(429, 'TooManyRequests', message, { retryAfterSeconds });

export const newInternalError = (err: unknown): StatusError =>
  make(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`, {
    causes: [{ message: err instanceof Error ? err.message : String(err) }],
  });

export const newServiceUnavailable = (message: string): StatusError => make(503, 'ServiceUnavailable', message);

export const newTimeout = (message: string, retryAfterSeconds = 1): StatusError =>
  make(504, 'Timeout', message, { retryAfterSeconds });

export const newNotImplemented = (message: string): StatusError => make(501, 'NotImplemented', message);

/** A Success status, e.g. for a delete that removed the object at once (kubectl accepts either). */
export const successStatus = (details?: StatusDetails): Status => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Success',
  code: 200,
  ...(details ? { details } : {}),
});

const reasonIs = (reason: StatusReason) => (e: unknown): boolean => e instanceof StatusError && e.status.reason === reason;
export const isNotFoundStatus = reasonIs('NotFound');
export const isAlreadyExistsStatus = reasonIs('AlreadyExists');
export const isConflictStatus = reasonIs('Conflict');
export const isInvalidStatus = reasonIs('Invalid');
export const isBadRequestStatus = reasonIs('BadRequest');
export const isForbiddenStatus = reasonIs('Forbidden');
export const isGoneStatus = (e: unknown): boolean => reasonIs('Gone')(e) || reasonIs('Expired')(e);
export const isStatusError = (e: unknown): e is StatusError => e instanceof StatusError;
