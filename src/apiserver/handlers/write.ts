/**
 * POST (create), PUT (update) and PATCH of objects and of their status subresource. A `metadata.uid` in the body
 * is a precondition, as upstream: a PUT naming another uid is a 409 Conflict ("Precondition failed"), a PATCH that
 * would change it a 422 Invalid (metadata.uid is immutable) — so neither lands on an object recreated under the
 * same name.
 */
import { newBadRequest, newConflict, newMethodNotSupported, newUnsupportedMediaType } from '../../machinery/errors/status.js';
import { FieldPath } from '../../machinery/validation/field.js';
import { validateImmutable } from '../../machinery/validation/numeric.js';
import { mediaType, readBody } from '../request/body.js';
import { applyPatch } from '../patch/index.js';
import type { KObject } from '../registry/resource.js';
import { writeObject } from './output.js';
import { expectedGVK, readRequestObject, validateFields } from './decode.js';
import type { ResourceRequest } from './types.js';

export async function handleCreate(r: ResourceRequest): Promise<void> {
  if (r.info.name) throw newMethodNotSupported(r.registry.gr, 'create with a name in the URL');
  const obj = await readRequestObject(r);
  const created = await r.registry.create(r.info.namespace, obj, r.ctx);
  writeObject(r, 201, created);
}

export async function handleUpdate(r: ResourceRequest, target: 'main' | 'status'): Promise<void> {
  const obj = await readRequestObject(r);
  const out = await r.registry.guaranteedUpdate(r.info.namespace, r.info.name, r.ctx, target, (live) => {
    const uid = obj.metadata?.uid;
    if (uid && uid !== live.metadata.uid) {
      throw newConflict(r.registry.gr, r.info.name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${live.metadata.uid ?? ''}`);
    }
    return structuredClone(obj);
  });
  writeObject(r, 200, out.object);
}

const UID_PATH = FieldPath.root('metadata').child('uid');

const PATCH_TYPES = new Set(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);

export async function handlePatch(r: ResourceRequest, target: 'main' | 'status'): Promise<void> {
  const type = mediaType(r.req.headers['content-type']);
  if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+cbor') {
    throw newUnsupportedMediaType(`${type} (server-side apply is not available yet; use client-side kubectl apply)`);
  }
  if (!PATCH_TYPES.has(type)) throw newUnsupportedMediaType(type || '<none>');
  const body = await readBody(r.req);
  if (body.length === 0) throw newBadRequest('the patch body is empty');
  const gvk = expectedGVK(r);
  const out = await r.registry.guaranteedUpdate(r.info.namespace, r.info.name, r.ctx, target, (live) => {
    // Only a patch that changes the resourceVersion makes it a precondition (409 when stale); other patches are
    // re-applied to the latest object on a write conflict.
    const liveRV = live.metadata.resourceVersion;
    const patched = applyPatch(gvk, live, body, type) as KObject;
    // The registry keeps the stored uid whatever the object says; a patch that names another one is refused here.
    if (patched.metadata?.uid) r.registry.failIfInvalid(patched, validateImmutable(patched.metadata.uid, live.metadata.uid, UID_PATH));
    if (patched.metadata?.resourceVersion === liveRV) delete patched.metadata.resourceVersion;
    validateFields(r, gvk, patched);
    return patched;
  });
  writeObject(r, 200, out.object);
}
