/** Storage errors; the registry translates them into API Status errors (404, 409, 410, 503) at its boundary. */
export class StorageError extends Error {
  constructor(message: string, readonly key?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The key does not exist (get-for-update, update, delete). */
export class NotFoundError extends StorageError {}

/** `create` of a key that exists. */
export class KeyExistsError extends StorageError {}

/** Compare-and-swap failed: the key's revision is not the expected one. `current` is the value now stored. */
export class ConflictError extends StorageError {
  constructor(message: string, key: string, readonly current?: import('./interface.js').StoredValue) {
    super(message, key);
  }
}

/** The requested revision was compacted (HTTP 410 Gone / Expired). */
export class CompactedError extends StorageError {
  constructor(readonly requested: string, readonly compacted: string) {
    super(`required revision ${requested} has been compacted (oldest available ${compacted})`);
  }
}

/** The requested revision is newer than the store's current revision. */
export class FutureRevisionError extends StorageError {}

/** The backend cannot be reached or failed (HTTP 503 / 500). */
export class StoreUnavailableError extends StorageError {}

export const isNotFound = (e: unknown): e is NotFoundError => e instanceof NotFoundError;
export const isKeyExists = (e: unknown): e is KeyExistsError => e instanceof KeyExistsError;
export const isConflict = (e: unknown): e is ConflictError => e instanceof ConflictError;
export const isCompacted = (e: unknown): e is CompactedError => e instanceof CompactedError;
