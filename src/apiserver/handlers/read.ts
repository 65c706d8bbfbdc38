/** GET of one object and LIST of a collection. */
import { newBadRequest } from '../../machinery/errors/status.js';
import { listObjects } from '../registry/generic/list.js';
import { buildPredicate } from '../request/selectors.js';
import { writeList, writeObject } from './output.js';
import type { ResourceRequest } from './types.js';

export async function handleGet(r: ResourceRequest): Promise<void> {
  const obj = await r.registry.get(r.info.namespace, r.info.name);
  writeObject(r, 200, obj);
}

export async function handleList(r: ResourceRequest): Promise<void> {
  const q = r.query;
  const limitText = q.get('limit');
  const limit = limitText ? Number(limitText) : 0;
  if (!Number.isInteger(limit) || limit < 0) throw newBadRequest(`invalid limit: ${limitText}`);
  const predicate = buildPredicate(r.registry.def, q);
  const out = await listObjects(r.registry, r.info.namespace, {
    ...(predicate ? { predicate } : {}),
    limit,
    ...(q.get('continue') ? { continueToken: q.get('continue')! } : {}),
    ...(q.get('resourceVersion') !== null ? { resourceVersion: q.get('resourceVersion')! } : {}),
    ...(q.get('resourceVersionMatch') ? { resourceVersionMatch: q.get('resourceVersionMatch')! } : {}),
  });
  writeList(r, out.items, out.resourceVersion, out.continueToken, out.remainingItemCount);
}
