/** DELETE of one object and of a collection (deletecollection), with DeleteOptions from the body or query. */
import { newBadRequest, successStatus } from '../../machinery/errors/status.js';
import { decodeBody, readBody } from '../request/body.js';
import { buildPredicate } from '../request/selectors.js';
import { decodeProtobufObject } from '../protobuf/index.js';
import { deleteObject } from '../registry/generic/delete.js';
import { listObjects } from '../registry/generic/list.js';
import type { DeleteOptions, KObject } from '../registry/resource.js';
import { writeJson } from '../response/write.js';
import { typeMeta, withTypeMeta, writeObject } from './output.js';
import type { ResourceRequest } from './types.js';

async function deleteOptions(r: ResourceRequest): Promise<DeleteOptions> {
  const body = await readBody(r.req);
  const opts: DeleteOptions = body.length ? (decodeBody(r.req.headers['content-type'], body, (b) => decodeProtobufObject(b).object) as DeleteOptions) ?? {} : {};
  if (typeof opts !== 'object' || Array.isArray(opts)) throw newBadRequest('the body of a DELETE must be a DeleteOptions object');
  const q = r.query;
  const grace = q.get('gracePeriodSeconds');
  if (grace !== null) {
    const n = Number(grace);
    if (!Number.isInteger(n)) throw newBadRequest(`invalid gracePeriodSeconds: ${grace}`);
    opts.gracePeriodSeconds = n;
  }
  const policy = q.get('propagationPolicy');
  if (policy) opts.propagationPolicy = policy as DeleteOptions['propagationPolicy'];
  if (q.get('orphanDependents') !== null) opts.orphanDependents = q.get('orphanDependents') === 'true';
  const valid = ['Orphan', 'Background', 'Foreground'];
  if (opts.propagationPolicy && !valid.includes(opts.propagationPolicy)) {
    throw newBadRequest(`propagationPolicy: Unsupported value: "${opts.propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  if (opts.dryRun?.some((d) => d !== 'All')) throw newBadRequest('Invalid dryRun value; the only supported value is "All"');
  if (opts.dryRun?.length) r.ctx.dryRun = true;
  return opts;
}

export async function handleDelete(r: ResourceRequest): Promise<void> {
  const opts = await deleteOptions(r);
  const out = await deleteObject(r.registry, r.info.namespace, r.info.name, opts, r.ctx);
  // Pods answer with the object (as upstream); others with a Success Status once the object is gone.
  if (!out.deleted || r.registry.info.resource === 'pods') return writeObject(r, 200, out.object);
  const i = r.registry.info;
  writeJson(r.res, 200, successStatus({ name: r.info.name, ...(i.group ? { group: i.group } : {}), kind: i.resource, uid: out.object.metadata?.uid }));
}

export async function handleDeleteCollection(r: ResourceRequest): Promise<void> {
  const opts = await deleteOptions(r);
  const predicate = buildPredicate(r.registry.def, r.query);
  const listed = await listObjects(r.registry, r.info.namespace, predicate ? { predicate } : {});
  const deleted: KObject[] = [];
  for (const obj of listed.items) {
    try {
      const out = await deleteObject(r.registry, obj.metadata.namespace ?? '', obj.metadata.name, opts, r.ctx);
      deleted.push(withTypeMeta(r, out.object));
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
  const tm = typeMeta(r);
  writeJson(r.res, 200, { kind: r.registry.info.listKind, apiVersion: tm.apiVersion, metadata: { resourceVersion: listed.resourceVersion }, items: deleted });
}
