import { StorageError } from '../errors.js';

/**
 * Revisions cross the Store boundary as decimal strings; inside src/storage they are safe integers.
 * A revision beyond 2^53 would take ~285 years at a million writes per second, so `number` is enough.
 */
export function parseRevision(rev: string, what = 'revision'): number {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(rev)) throw new StorageError(`invalid ${what} ${JSON.stringify(rev)}`);
  const n = Number(rev);
  if (!Number.isSafeInteger(n)) throw new StorageError(`invalid ${what} ${JSON.stringify(rev)}`);
  return n;
}

export const formatRevision = (rev: number | bigint): string => String(rev);
