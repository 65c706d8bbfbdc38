/** Server-side printing: objects → meta.k8s.io Table with PartialObjectMetadata (or full) row objects. */
import type { TableConvertor } from '../../machinery/meta/table.js';
import type { KObject } from '../registry/resource.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function partialObjectMetadata(obj: KObject, metaVersion = 'v1'): KObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${metaVersion}`, metadata: obj.metadata };
}

export function toTable(
  convertor: TableConvertor,
  objects: KObject[],
  opts: { now: Date; include: IncludeObject; metaVersion: string; resourceVersion?: string; continueToken?: string; withColumns?: boolean },
): KObject {
  const rows = objects.map((obj) => {
    const row: KObject = { cells: convertor.cells(obj, opts.now) };
    if (opts.include === 'Object') row.object = obj;
    else if (opts.include === 'Metadata') row.object = partialObjectMetadata(obj, opts.metaVersion);
    return row;
  });
  const metadata: Record<string, string> = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continueToken) metadata.continue = opts.continueToken;
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${opts.metaVersion}`,
    metadata,
    columnDefinitions: opts.withColumns === false ? [] : convertor.columns,
    rows,
  };
}

export function includeObjectParam(v: string | null): IncludeObject {
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}
