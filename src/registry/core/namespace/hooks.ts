/**
 * Namespaces: deleting one marks it Terminating; it stays until its content is gone and `spec.finalizers` is
 * emptied through the `finalize` subresource (by the namespace controller), then disappears.
 */
import type { ResourceHooks, KObject } from '../../../apiserver/registry/resource.js';
import type { SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { readRequestObject } from '../../../apiserver/handlers/decode.js';
import { writeObject } from '../../../apiserver/handlers/output.js';
import { newMethodNotSupported } from '../../../machinery/errors/status.js';

export const namespaceHooks: ResourceHooks = {
  blocksDeletion: (ns: KObject) => (ns.spec?.finalizers?.length ?? 0) > 0,
  onDeletionMarked(ns: KObject) {
    ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
  },
};

/** PUT /api/v1/namespaces/{name}/finalize: replaces spec.finalizers only. */
export const finalizeNamespace: SubresourceHandler = async (r) => {
  if (r.info.verb !== 'update') throw newMethodNotSupported(r.registry.gr, `${r.info.verb} of namespaces/finalize`);
  const body = await readRequestObject(r);
  const finalizers: string[] = body.spec?.finalizers ?? [];
  const out = await r.registry.guaranteedUpdate('', r.info.name, r.ctx, 'main', (live) => {
    live.spec = { ...(live.spec ?? {}), finalizers };
    delete live.metadata.resourceVersion;
    return live;
  });
  writeObject(r, 200, out.object);
};
