/**
 * Content negotiation of responses (the Accept header). kubectl always ends its Accept lists with
 * application/json or star-slash-star, so JSON is the fallback; we never answer protobuf.
 *   application/json;as=Table;v=v1;g=meta.k8s.io                  → a meta.k8s.io/v1 Table
 *   application/json;as=PartialObjectMetadata[List];v=v1;g=meta.k8s.io → metadata only
 *   application/yaml                                               → YAML
 */
import { newNotAcceptable } from '../../machinery/errors/status.js';

export type OutputForm = 'object' | 'table' | 'partial';
export type Encoding = 'json' | 'yaml';

export interface Negotiated {
  form: OutputForm;
  encoding: Encoding;
  /** The Table/PartialObjectMetadata version asked for (v1 or v1beta1). */
  metaVersion: string;
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type, ...params] = part.split(';').map((s) => s.trim());
    const p: Record<string, string> = {};
    for (const kv of params) {
      const i = kv.indexOf('=');
      if (i > 0) p[kv.slice(0, i).trim()] = kv.slice(i + 1).trim().replace(/^"|"$/g, '');
    }
    return { type: (type ?? '').toLowerCase(), params: p };
  });
}

const JSONISH = new Set(['application/json', 'application/*', '*/*']);
const YAMLISH = new Set(['application/yaml', 'application/x-yaml', 'text/yaml']);

/** Picks the first acceptable media range in the client's order; 406 when none is acceptable. */
export function negotiate(header: string | undefined): Negotiated {
  for (const m of parseAccept(header)) {
    const as = m.params['as'];
    const g = m.params['g'];
    const v = m.params['v'] ?? 'v1';
    if (as) {
      if (g !== 'meta.k8s.io' || (v !== 'v1' && v !== 'v1beta1')) continue;
      if (!JSONISH.has(m.type) && !YAMLISH.has(m.type)) continue;
      const encoding: Encoding = YAMLISH.has(m.type) ? 'yaml' : 'json';
      if (as === 'Table') return { form: 'table', encoding, metaVersion: v };
      if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
        return { form: 'partial', encoding, metaVersion: v };
      }
      continue;
    }
    if (JSONISH.has(m.type)) return { form: 'object', encoding: 'json', metaVersion: 'v1' };
    if (YAMLISH.has(m.type)) return { form: 'object', encoding: 'yaml', metaVersion: 'v1' };
  }
  throw newNotAcceptable(`only the following media types are accepted: application/json, application/yaml`);
}
