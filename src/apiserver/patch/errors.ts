/**
 * The one error type the patchers throw. It is a `StatusError`, so a handler can answer it as is:
 * 400 BadRequest for a malformed patch, 415 UnsupportedMediaType for a patch type the kind does not accept,
 * 422 Invalid for a well-formed patch that does not apply to the live object (failed `test`, missing path, …).
 */
import { StatusError, type StatusReason } from '../../machinery/errors/status.js';

export type PatchErrorCode = 400 | 415 | 422;

const REASONS: Record<PatchErrorCode, StatusReason> = {
  400: 'BadRequest',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
};

export class PatchError extends StatusError {
  constructor(code: PatchErrorCode, message: string) {
    super({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: REASONS[code], code });
    this.name = 'PatchError';
  }

  override get code(): PatchErrorCode {
    return this.status.code as PatchErrorCode;
  }
}

export const badPatch = (message: string): PatchError => new PatchError(400, message);
export const patchDoesNotApply = (message: string): PatchError => new PatchError(422, message);

/**
 * Formats a JSON value the way Go's `%v` prints the decoded map, so messages read like upstream's:
 * `map[image:nginx ports:[map[containerPort:80]]]`.
 */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (typeof v === 'object') {
    const entries = Object.keys(v as object)
      .sort()
      .map((k) => `${k}:${goFormat((v as Record<string, unknown>)[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return String(v);
}
