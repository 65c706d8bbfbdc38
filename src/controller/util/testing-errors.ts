/** API errors the endpoints and endpointslice controller tests inject through FakeClient reactors. */
import { newForbidden, type GroupResource, type StatusError } from '../../machinery/errors/status.js';
import { NAMESPACE_TERMINATING_CAUSE } from './api-errors.js';

/** The NamespaceLifecycle admission's refusal of a create in a terminating namespace (403 with its cause). */
export function namespaceTerminating(gr: GroupResource, name: string, namespace: string): StatusError {
  const message = `unable to create new content in namespace ${namespace} because it is being terminated`;
  const err = newForbidden(gr, name, message);
  err.status.details = { ...err.status.details, causes: [{ reason: NAMESPACE_TERMINATING_CAUSE, message, field: 'metadata.namespace' }] };
  return err;
}
