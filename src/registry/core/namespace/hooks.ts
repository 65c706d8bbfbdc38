/**
 * Namespaces: deleting one marks it Terminating; it stays until its content is gone and `spec.finalizers` is
 * emptied through the `finalize` subresource (by the namespace controller), then disappears.
 */
import type { ResourceHooks, KObject } from '../../../apiserver/registry/resource.js';
import type { SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { readRequestObject } from '../../../apiserver/handlers/decode.js';
import { writeObject } from '../../../apiserver/handlers/output.js';
import { deleteObject } from '../../../apiserver/registry/generic/delete.js';
import { newMethodNotSupported } from '../../../machinery/errors/status.js';

export const namespaceHooks: ResourceHooks = {
  blocksDeletion: (ns: KObject) => (ns.spec?.finalizers?.length ?? 0) > 0,
  onDeletionMarked(ns: KObject) {
    ns.status = { ...(ns.status ?? {}), phase: 'Terminating' };
  },
};

/**
 * PUT /api/v1/namespaces/{name}/finalize: replaces spec.finalizers only (the main update keeps them, as
 * upstream). A Terminating namespace whose finalizers are then all gone is removed.
 */
export const finalizeNamespace: SubresourceHandler = async (r) => {
  if (r.info.verb !== 'update') throw newMethodNotSupported(r.registry.gr, `${r.info.verb} of namespaces/finalize`);
  const body = await readRequestObject(r);
  const finalizers: string[] = body.spec?.finalizers ?? [];
  const updated = await r.registry.rawUpdate('', r.info.name, r.ctx, (live) => {
    live.spec = { ...(live.spec ?? {}), finalizers };
    return live;
  });
  if (updated.metadata.deletionTimestamp && finalizers.length === 0) {
    const out = await deleteObject(r.registry, '', r.info.name, {}, r.ctx);
    return writeObject(r, 200, out.object);
  }
  writeObject(r, 200, updated);
};
