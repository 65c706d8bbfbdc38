/** Translates storage errors into API Status errors, once, at the registry boundary. */
import {
  newAlreadyExists,
  newConflict,
  newInternalError,
  newNotFound,
  newResourceExpired,
  newServiceUnavailable,
  newTimeout,
  OPTIMISTIC_LOCK_MESSAGE,
  StatusError,
} from '../../../machinery/errors/status.js';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  KeyExistsError,
  NotFoundError,
  StoreUnavailableError,
} from '../../../storage/errors.js';
import type { ResourceInfo } from '../resource.js';

export function toStatusError(err: unknown, info: ResourceInfo, name: string): Error {
  if (err instanceof StatusError) return err;
  const gr = { group: info.group, resource: info.resource };
  if (err instanceof NotFoundError) return newNotFound(gr, name);
  if (err instanceof KeyExistsError) return newAlreadyExists(gr, name);
  if (err instanceof ConflictError) return newConflict(gr, name, OPTIMISTIC_LOCK_MESSAGE);
  if (err instanceof CompactedError) return newResourceExpired(`too old resource version: ${err.requested} (${err.compacted})`);
  if (err instanceof FutureRevisionError) return newTimeout(`Too large resource version: ${err.message}`, 1);
  if (err instanceof StoreUnavailableError) return newServiceUnavailable(`storage is unavailable: ${err.message}`);
  return newInternalError(err);
}
