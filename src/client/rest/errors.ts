/**
 * Non-2xx answers become a StatusError: the server's Status when the body is one, else a Status synthesized from
 * the code (as client-go's newUnstructuredResponseError), so callers always test errors with the predicates.
 */
import { StatusError, type Status, type StatusReason } from '../../machinery/errors/status.js';
import type { Headers } from './transport.js';

const REASONS: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Gone',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  501: 'NotImplemented',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

const header = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

export function isStatusObject(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status';
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The error for a response with a non-2xx status. */
export function errorFromResponse(status: number, headers: Headers, body: Buffer): StatusError {
  const parsed = parse(body);
  if (isStatusObject(parsed)) return new StatusError({ ...parsed, code: parsed.code || status });
  const text = body.toString('utf8').trim().slice(0, 512);
  const s: Status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    code: status,
    reason: REASONS[status] ?? (status >= 500 ? 'InternalError' : 'BadRequest'),
    message: `the server responded with the status code ${status}${text ? `: ${text}` : ' but did not return more information'}`,
  };
  const retry = Number(header(headers, 'retry-after'));
  if (Number.isInteger(retry) && retry > 0) s.details = { retryAfterSeconds: retry };
  return new StatusError(s);
}
