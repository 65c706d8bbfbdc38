/**
 * The OpenAPI endpoints as a small handler the HTTP router delegates to:
 *   GET /openapi/v3                → index of group-version documents with their content hashes
 *   GET /openapi/v3/api/v1, /openapi/v3/apis/<g>/<v>  → one OpenAPI 3.0 document (ETag, 304, Cache-Control)
 *   GET /openapi/v2                → minimal gnostic protobuf (or JSON swagger when only JSON is accepted)
 * Documents are built lazily on the first request and cached for the life of the service.
 */
import type { BuiltDocument, DocumentInfo } from './documents.js';
import { built, groupByGv, groupVersionDocument, indexDocument, swaggerJson, swaggerProtobuf } from './documents.js';
import type { OpenApiResource } from './operations.js';
import { loadSchemas } from './schemas.js';

export type HeaderBag = Record<string, string | string[] | undefined>;

export interface OpenApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Empty for 301/304. */
  body: Buffer;
}

export interface OpenApiService {
  /** Answers an OpenAPI path, or `undefined` when the path is not one of ours (the router then answers 404). */
  handle(path: string, query: URLSearchParams, headers: HeaderBag): OpenApiResponse | undefined;
}

export interface OpenApiOptions {
  /** Reported in `info.version`; use the server's gitVersion. */
  version?: string;
  title?: string;
}

export const PROTOBUF_V2_CONTENT_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';
const JSON_TYPE = 'application/json';

const header = (headers: HeaderBag, name: string): string => {
  const v = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : (v ?? '');
};

const etagMatches = (headers: HeaderBag, etag: string): boolean =>
  header(headers, 'if-none-match').split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`);

/** 200 with ETag, or 304 when the client already holds this version. */
function respond(doc: BuiltDocument, contentType: string, headers: HeaderBag, extra: Record<string, string>): OpenApiResponse {
  const etag = `"${doc.hash}"`;
  const common = { ETag: etag, Vary: 'Accept', ...extra };
  if (etagMatches(headers, etag)) return { status: 304, headers: common, body: Buffer.alloc(0) };
  return { status: 200, headers: { ...common, 'Content-Type': contentType }, body: doc.body };
}

/** True when the client accepts JSON but neither protobuf nor a wildcard. */
function wantsJsonOnly(headers: HeaderBag): boolean {
  const accept = header(headers, 'accept').toLowerCase();
  if (!accept.includes(JSON_TYPE)) return false;
  return !accept.includes('protobuf') && !accept.includes('*/*');
}

class Service implements OpenApiService {
  private docs: Map<string, BuiltDocument> | undefined;
  private index: BuiltDocument | undefined;
  private v2pb: BuiltDocument | undefined;
  private v2json: BuiltDocument | undefined;

  constructor(
    private readonly resources: readonly OpenApiResource[],
    private readonly info: DocumentInfo,
  ) {}

  handle(path: string, query: URLSearchParams, headers: HeaderBag): OpenApiResponse | undefined {
    const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    if (p === '/openapi/v2') return this.v2(headers);
    if (p === '/openapi/v3') {
      this.index ??= built(indexDocument(this.allDocs()));
      return respond(this.index, JSON_TYPE, headers, { 'Cache-Control': 'no-cache, private' });
    }
    if (p.startsWith('/openapi/v3/')) return this.v3doc(p.slice('/openapi/v3/'.length), query, headers);
    return undefined;
  }

  /** Builds every group-version document on first use (the index needs all their hashes). */
  private allDocs(): Map<string, BuiltDocument> {
    if (!this.docs) {
      const schemas = loadSchemas();
      this.docs = new Map();
      for (const [key, list] of groupByGv(this.resources)) {
        this.docs.set(key, built(Buffer.from(JSON.stringify(groupVersionDocument(list, schemas, this.info)))));
      }
    }
    return this.docs;
  }

  private v3doc(key: string, query: URLSearchParams, headers: HeaderBag): OpenApiResponse | undefined {
    const doc = this.allDocs().get(key);
    if (!doc) return undefined;
    const asked = query.get('hash');
    if (asked === null) return respond(doc, JSON_TYPE, headers, { 'Cache-Control': 'no-cache, private' });
    if (asked !== doc.hash) {
      const location = `/openapi/v3/${key}?hash=${doc.hash}`;
      return { status: 301, headers: { Location: location, 'Cache-Control': 'no-cache, private' }, body: Buffer.alloc(0) };
    }
    const expires = new Date(Date.now() + 365 * 24 * 3600 * 1000).toUTCString();
    return respond(doc, JSON_TYPE, headers, { 'Cache-Control': 'public, immutable', Expires: expires });
  }

  private v2(headers: HeaderBag): OpenApiResponse {
    if (wantsJsonOnly(headers)) {
      this.v2json ??= built(swaggerJson(loadSchemas(), this.info));
      return respond(this.v2json, JSON_TYPE, headers, {});
    }
    this.v2pb ??= built(swaggerProtobuf(this.info));
    return respond(this.v2pb, PROTOBUF_V2_CONTENT_TYPE, headers, {});
  }
}

/** The OpenAPI handler over the served resources (a catalog entry list or ResourceInfo list). Nothing is built yet. */
export function createOpenApiService(resources: readonly OpenApiResource[], opts: OpenApiOptions = {}): OpenApiService {
  return new Service(resources, { title: opts.title ?? 'Kubernetes', version: opts.version ?? 'unversioned' });
}
