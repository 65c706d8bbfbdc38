/**
 * The generated component schemas (src/api/openapi/generated/schemas.json, written by scripts/gen-openapi.ts),
 * loaded lazily on first use, with a GVK → schema-name index and the transitive closure of `$ref`s.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Schema = Record<string, any>;
export type Schemas = Record<string, Schema>;
export interface GroupVersionKind { group: string; version: string; kind: string }

export const REF_PREFIX = '#/components/schemas/';
export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Candidates relative to this module: the source tree, and dist/src/apiserver/openapi → <root>/src/…. */
const CANDIDATES = ['../../api/openapi/generated/schemas.json', '../../../../src/api/openapi/generated/schemas.json'];

let loaded: Schemas | undefined;

/** Reads schemas.json once (synchronously, ~1 MB, a few ms). */
export function loadSchemas(): Schemas {
  if (loaded) return loaded;
  for (const rel of CANDIDATES) {
    const path = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(path)) {
      loaded = JSON.parse(readFileSync(path, 'utf8')) as Schemas;
      return loaded;
    }
  }
  throw new Error('openapi: generated schemas.json not found; run node --import tsx scripts/gen-openapi.ts');
}

/** Replaces the schemas used by this module (tests, or a server embedding its own set). */
export function setSchemas(schemas: Schemas): void {
  loaded = schemas;
  gvkIndex = undefined;
}

let gvkIndex: Map<string, string> | undefined;

const gvkKey = (g: GroupVersionKind): string => `${g.group}/${g.version}/${g.kind}`;

/** The schema name of a kind, e.g. {apps, v1, Deployment} → io.k8s.api.apps.v1.Deployment. */
export function schemaNameForKind(gvk: GroupVersionKind): string | undefined {
  if (!gvkIndex) {
    gvkIndex = new Map();
    const schemas = loadSchemas();
    for (const name of Object.keys(schemas)) {
      for (const g of (schemas[name]!['x-kubernetes-group-version-kind'] ?? []) as GroupVersionKind[]) {
        if (!gvkIndex.has(gvkKey(g))) gvkIndex.set(gvkKey(g), name);
      }
    }
  }
  return gvkIndex.get(gvkKey(gvk));
}

/** `#/components/schemas/X` → `X`. */
export const refName = (ref: string): string => ref.slice(REF_PREFIX.length);

function collectRefs(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectRefs(n, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) out.push(refName(v));
      else collectRefs(v, out);
    }
  }
}

/** Every schema reachable from `roots` (inclusive), with sorted keys for a stable document. */
export function closure(roots: string[], schemas: Schemas = loadSchemas()): Schemas {
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name) || !schemas[name]) continue;
    seen.add(name);
    const refs: string[] = [];
    collectRefs(schemas[name], refs);
    stack.push(...refs);
  }
  const out: Schemas = {};
  for (const name of [...seen].sort()) out[name] = schemas[name]!;
  return out;
}

/** True when the schemas carry real strategic-merge metadata (then PATCH may advertise SMP). */
export function hasPatchMetadata(schemas: Schemas): boolean {
  const pod = schemas['io.k8s.api.core.v1.PodSpec'];
  return Boolean(pod?.properties?.containers?.['x-kubernetes-patch-merge-key']);
}
