import {
  CompactedError,
  FutureRevisionError,
  StorageError,
  StoreUnavailableError,
} from '../errors.js';

/**
 * Translates an etcd client failure into a storage error. etcd reports compacted and future revisions as gRPC
 * OUT_OF_RANGE with fixed messages; everything else the client throws (unavailable, deadline, broken circuit,
 * closed client, unexpected server errors) means the store cannot serve the request: StoreUnavailableError.
 */
export function mapEtcdError(err: unknown, requested: string | undefined, knownCompacted: () => string): Error {
  if (err instanceof StorageError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (msg.includes('required revision has been compacted')) {
    return new CompactedError(requested ?? '?', knownCompacted());
  }
  if (msg.includes('required revision is a future revision')) {
    return new FutureRevisionError(`revision ${requested ?? '?'} is in the future`);
  }
  return new StoreUnavailableError(`etcd: ${msg}`);
}

export const isCompactedMessage = (err: unknown): boolean =>
  err instanceof Error && err.message.includes('required revision has been compacted');
