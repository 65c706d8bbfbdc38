/** How the controllers read an error from the API in events (Go's `%v` of an error) and in upstream's special cases. */
import { isForbiddenStatus, isStatusError } from '../../machinery/errors/status.js';

/** upstream's v1.NamespaceTerminatingCause: the cause the NamespaceLifecycle admission gives a create it refuses. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/** The error's text as an event message quotes it (the Status message for API errors). */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * A create refused because its namespace is being deleted: creates there will keep failing, so upstream's endpoints
 * and endpointslice controllers drop the key without an event.
 */
export const isNamespaceTerminating = (err: unknown): boolean =>
  isForbiddenStatus(err) && isStatusError(err) && (err.status.details?.causes ?? []).some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE);
