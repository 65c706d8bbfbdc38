/**
 * Builds the OpenAPI documents: one OpenAPI 3.0 document per group-version (paths + every reachable component
 * schema), the /openapi/v3 index, and the /openapi/v2 answers (a minimal gnostic protobuf, or a JSON swagger).
 */
import { createHash } from 'node:crypto';
import type { OpenApiResource } from './operations.js';
import { PATCH_TYPES, SCALE_SCHEMA, resourcePaths } from './operations.js';
import type { Schema, Schemas } from './schemas.js';
import { META, REF_PREFIX, closure, hasPatchMetadata, schemaNameForKind } from './schemas.js';

export interface DocumentInfo {
  title: string;
  /** The server's gitVersion, e.g. v1.30.0. */
  version: string;
}

/** A serialized document and its content hash (uppercase hex SHA-512, as upstream's ETag / ?hash=). */
export interface BuiltDocument {
  body: Buffer;
  hash: string;
}

export const hashOf = (body: Buffer | string): string => createHash('sha512').update(body).digest('hex').toUpperCase();

export const built = (body: Buffer): BuiltDocument => ({ body, hash: hashOf(body) });

/** `api/v1` for the core group, `apis/<group>/<version>` otherwise (the key in the v3 index). */
export const gvPath = (group: string, version: string): string => (group ? `apis/${group}/${version}` : `api/${version}`);

/** Groups resources by their group-version path, in catalog order. */
export function groupByGv(resources: readonly OpenApiResource[]): Map<string, OpenApiResource[]> {
  const out = new Map<string, OpenApiResource[]>();
  for (const r of resources) {
    const key = gvPath(r.group, r.version);
    const list = out.get(key) ?? [];
    list.push(r);
    out.set(key, list);
  }
  return out;
}

/** The PATCH content types to advertise: SMP only when the schemas carry real patch metadata. */
export function patchTypesFor(schemas: Schemas): string[] {
  const smp = hasPatchMetadata(schemas);
  return PATCH_TYPES.filter((t) => smp || t !== 'application/strategic-merge-patch+json');
}

/** The full OpenAPI 3.0 document of one group-version. */
export function groupVersionDocument(resources: OpenApiResource[], schemas: Schemas, info: DocumentInfo): Schema {
  const patchTypes = patchTypesFor(schemas);
  const paths: Record<string, Schema> = {};
  const roots = [`${META}.Status`, `${META}.DeleteOptions`, `${META}.Patch`, `${META}.WatchEvent`];
  for (const r of resources) {
    const name = schemaNameForKind({ group: r.group, version: r.version, kind: r.kind });
    if (!name) continue;
    roots.push(name, `${name}List`);
    if (r.scale) roots.push(SCALE_SCHEMA);
    Object.assign(paths, resourcePaths(r, name, patchTypes));
  }
  const sortedPaths: Record<string, Schema> = {};
  for (const p of Object.keys(paths).sort()) sortedPaths[p] = paths[p]!;
  return {
    openapi: '3.0.0',
    info: { title: info.title, version: info.version },
    paths: sortedPaths,
    components: { schemas: closure(roots, schemas) },
  };
}

/** `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=…"}, …}}`. */
export function indexDocument(docs: Map<string, BuiltDocument>): Buffer {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const key of [...docs.keys()].sort()) {
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${docs.get(key)!.hash}` };
  }
  return Buffer.from(JSON.stringify({ paths }));
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}

/** A length-delimited protobuf field (wire type 2). */
function field(num: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([(num << 3) | 2, ...varint(payload.length)]), payload]);
}

/**
 * A minimal valid gnostic `openapi_v2.Document`: swagger "2.0" (field 1) and info {title, version} (field 2),
 * with no paths or definitions, so kubectl 1.27/1.28 validation finds no schema and defers to the server.
 */
export function swaggerProtobuf(info: DocumentInfo): Buffer {
  const infoMsg = Buffer.concat([field(1, Buffer.from(info.title)), field(2, Buffer.from(info.version))]);
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, infoMsg)]);
}

/** A JSON swagger 2.0 document with every generated schema under `definitions` (no paths). */
export function swaggerJson(schemas: Schemas, info: DocumentInfo): Buffer {
  const definitions = JSON.stringify(schemas).split(`"${REF_PREFIX}`).join('"#/definitions/');
  const head = JSON.stringify({ swagger: '2.0', info: { title: info.title, version: info.version }, paths: {} });
  return Buffer.from(`${head.slice(0, -1)},"definitions":${definitions}}`);
}
