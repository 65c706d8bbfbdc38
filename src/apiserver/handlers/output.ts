/** Renders one object or a list in the negotiated form: the object itself, a Table, or metadata only. */
import type { ResourceRequest } from './types.js';
import type { KObject } from '../registry/resource.js';
import { negotiate } from '../request/negotiate.js';
import { includeObjectParam, partialObjectMetadata, toTable } from '../response/table.js';
import { writeJson } from '../response/write.js';

export function typeMeta(r: ResourceRequest): { apiVersion: string; kind: string } {
  const i = r.registry.info;
  return { apiVersion: i.group ? `${i.group}/${i.version}` : i.version, kind: i.kind };
}

/** Responses carry the type meta of the URL's resource, first (as upstream serialises it). */
export function withTypeMeta(r: ResourceRequest, obj: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { ...typeMeta(r), ...rest };
}

export function writeObject(r: ResourceRequest, code: number, obj: KObject): void {
  const n = negotiate(r.req.headers.accept);
  if (n.form === 'table') {
    const table = toTable(r.registry.def.strategy.table, [obj], {
      now: r.services.clock.now(),
      include: includeObjectParam(r.query.get('includeObject')),
      metaVersion: n.metaVersion,
      resourceVersion: obj.metadata?.resourceVersion,
    });
    return writeJson(r.res, code, table, n.encoding);
  }
  if (n.form === 'partial') return writeJson(r.res, code, partialObjectMetadata(obj, n.metaVersion), n.encoding);
  writeJson(r.res, code, withTypeMeta(r, obj), n.encoding);
}

export function writeList(r: ResourceRequest, items: KObject[], rv: string, cont?: string, remaining?: number): void {
  const n = negotiate(r.req.headers.accept);
  if (n.form === 'table') {
    const table = toTable(r.registry.def.strategy.table, items, {
      now: r.services.clock.now(),
      include: includeObjectParam(r.query.get('includeObject')),
      metaVersion: n.metaVersion,
      resourceVersion: rv,
      ...(cont ? { continueToken: cont } : {}),
    });
    return writeJson(r.res, 200, table, n.encoding);
  }
  const metadata: Record<string, unknown> = { resourceVersion: rv };
  if (cont) metadata.continue = cont;
  if (remaining !== undefined) metadata.remainingItemCount = remaining;
  if (n.form === 'partial') {
    const list = { kind: 'PartialObjectMetadataList', apiVersion: `meta.k8s.io/${n.metaVersion}`, metadata, items: items.map((o) => partialObjectMetadata(o, n.metaVersion)) };
    return writeJson(r.res, 200, list, n.encoding);
  }
  const tm = typeMeta(r);
  writeJson(r.res, 200, { kind: r.registry.info.listKind, apiVersion: tm.apiVersion, metadata, items: items.map((o) => withTypeMeta(r, o)) }, n.encoding);
}
