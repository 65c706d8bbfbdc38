/** Routes a resource request to the verb handler of the resource (or of its subresource). */
import { newMethodNotSupported, newNotFound } from '../../machinery/errors/status.js';
import { handleDelete, handleDeleteCollection } from './delete.js';
import { handleGet, handleList } from './read.js';
import { handleScale } from './scale.js';
import type { ResourceRequest, SubresourceHandler } from './types.js';
import { handleWatch } from './watch.js';
import { handleCreate, handlePatch, handleUpdate } from './write.js';

export async function dispatchResource(r: ResourceRequest, subresources: Map<string, SubresourceHandler>): Promise<void> {
  const { info, registry } = r;
  if (info.subresource) return dispatchSubresource(r, subresources);
  if (info.parts.length > 2) throw newNotFound(registry.gr, info.parts.slice(1).join('/'));
  switch (info.verb) {
    case 'get':
      return handleGet(r);
    case 'list':
      return handleList(r);
    case 'watch':
      return handleWatch(r);
    case 'create':
      return handleCreate(r);
    case 'update':
      return handleUpdate(r, 'main');
    case 'patch':
      return handlePatch(r, 'main');
    case 'delete':
      return handleDelete(r);
    case 'deletecollection':
      if (!registry.info.verbs.includes('deletecollection')) throw newMethodNotSupported(registry.gr, 'deletecollection');
      return handleDeleteCollection(r);
    default:
      throw newMethodNotSupported(registry.gr, info.verb);
  }
}

async function dispatchSubresource(r: ResourceRequest, subresources: Map<string, SubresourceHandler>): Promise<void> {
  const { info, registry } = r;
  const custom = subresources.get(`${registry.info.group}/${registry.info.resource}/${info.subresource}`);
  if (custom) return custom(r);
  if (info.subresource === 'scale' && registry.def.scale) return handleScale(r);
  if (info.subresource === 'status' && registry.def.status) {
    if (info.verb === 'get') return handleGet(r);
    if (info.verb === 'update') return handleUpdate(r, 'status');
    if (info.verb === 'patch') return handlePatch(r, 'status');
    throw newMethodNotSupported(registry.gr, info.verb);
  }
  throw newNotFound(registry.gr, `${info.name}/${info.subresource}`);
}
