/**
 * The NamespaceLifecycle admission plugin: no content in a namespace that does not exist (404) or is being
 * terminated (403), and the system namespaces cannot be deleted.
 */
import { newForbidden, newNotFound } from '../../../machinery/errors/status.js';
import type { AdmissionPlugin } from '../../../apiserver/admission/interface.js';
import type { KObject } from '../../../apiserver/registry/resource.js';

export const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

export function namespaceLifecycle(getNamespace: (name: string) => Promise<KObject | undefined>): AdmissionPlugin {
  return {
    name: 'NamespaceLifecycle',
    async validate(a) {
      if (a.info.resource === 'namespaces' && a.info.group === '') {
        if (a.operation === 'DELETE' && IMMORTAL_NAMESPACES.includes(a.name)) {
          throw newForbidden({ group: '', resource: 'namespaces' }, a.name, 'this namespace may not be deleted');
        }
        return;
      }
      if (a.operation !== 'CREATE' || !a.info.namespaced || a.subresource) return;
      const ns = await getNamespace(a.namespace);
      if (!ns) throw newNotFound({ group: '', resource: 'namespaces' }, a.namespace);
      if (ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') {
        const message = `unable to create new content in namespace ${a.namespace} because it is being terminated`;
        const err = newForbidden({ group: a.info.group, resource: a.info.resource }, a.name, message);
        // Upstream's cause: controllers recognise a refusal they should drop silently (NamespaceTerminatingCause).
        err.status.details = { ...err.status.details, causes: [{ reason: 'NamespaceTerminating', message, field: 'metadata.namespace' }] };
        throw err;
      }
    },
  };
}
