/**
 * Generates src/api/openapi/generated/schemas.json: OpenAPI v3 component schemas keyed by upstream names
 * (io.k8s.api.apps.v1.Deployment …), read from the declarations of `kubernetes-types` (whose JSDoc comments are
 * the upstream field descriptions) with the TypeScript compiler API. Deterministic output, no pretty-printing.
 *
 *   node --import tsx scripts/gen-openapi.ts
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

type Schema = Record<string, unknown>;
interface Gvk { group: string; version: string; kind: string }
/** Hook filled by src/api/patchmeta when present: x-kubernetes-patch-* and list-type extensions of one field. */
type PatchExtensions = (typeName: string, field: string) => Record<string, unknown> | undefined;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES_DIR = join(ROOT, 'node_modules', 'kubernetes-types');
const OUT = join(ROOT, 'src', 'api', 'openapi', 'generated', 'schemas.json');
const REF = '#/components/schemas/';
export const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
/** Fields that are float64 upstream (everything else numeric is an integer in the Kubernetes API). */
const FLOAT_FIELDS = new Set(['JSONSchemaProps.maximum', 'JSONSchemaProps.minimum', 'JSONSchemaProps.multipleOf']);

/** `apps/v1` → `io.k8s.api.apps.v1`; `meta/v1` → `io.k8s.apimachinery.pkg.apis.meta.v1`, … */
export function packageOf(modulePath: string): string {
  const special: Record<string, string> = {
    'meta/v1': 'io.k8s.apimachinery.pkg.apis.meta.v1',
    'api/resource': 'io.k8s.apimachinery.pkg.api.resource',
    runtime: 'io.k8s.apimachinery.pkg.runtime',
    version: 'io.k8s.apimachinery.pkg.version',
    'apiextensions/v1': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1',
  };
  return special[modulePath] ?? `io.k8s.api.${modulePath.split('/').join('.')}`;
}

function listDeclarationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) out.push(...listDeclarationFiles(p));
    else if (ent.name.endsWith('.d.ts')) out.push(p);
  }
  return out.sort();
}

const moduleOf = (file: string): string => relative(TYPES_DIR, file).replace(/\.d\.ts$/, '').split(sep).join('/');

function docOf(node: ts.Node): string | undefined {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  const last = docs[docs.length - 1];
  const text = last ? ts.getTextOfJSDocComment(last.comment) : undefined;
  return text && text.trim() ? text.trim() : undefined;
}

/** Context of one declaration file: its package and the packages of the names it imports. */
interface FileCtx { pkg: string; imports: Map<string, string>; patch: PatchExtensions }

function importsOf(sf: ts.SourceFile, modulePath: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const target = join(dirname(modulePath), st.moduleSpecifier.text).split(sep).join('/');
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) {
      for (const el of named.elements) map.set(el.name.text, packageOf(target));
    }
  }
  return map;
}

const refTo = (name: string): Schema => ({ $ref: REF + name });

function typeRef(node: ts.TypeReferenceNode, ctx: FileCtx, owner: string): Schema {
  const name = node.typeName.getText();
  if (name === 'Array' && node.typeArguments?.length === 1) {
    return { type: 'array', items: convert(node.typeArguments[0]!, ctx, owner) };
  }
  return refTo(`${ctx.imports.get(name) ?? ctx.pkg}.${name}`);
}

function unionType(node: ts.UnionTypeNode): Schema {
  const kinds = new Set(node.types.map((t) => t.kind));
  const intOrString = kinds.size === 2 && kinds.has(ts.SyntaxKind.NumberKeyword) && kinds.has(ts.SyntaxKind.StringKeyword);
  return intOrString ? refTo(INT_OR_STRING) : {};
}

function mapType(node: ts.TypeLiteralNode, ctx: FileCtx, owner: string): Schema {
  const index = node.members.find(ts.isIndexSignatureDeclaration);
  return index ? { type: 'object', additionalProperties: convert(index.type, ctx, owner) } : { type: 'object' };
}

/** One TypeScript type node → an OpenAPI schema (refs for named types). `owner` is `Type.field`. */
function convert(node: ts.TypeNode, ctx: FileCtx, owner: string): Schema {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: FLOAT_FIELDS.has(owner) ? 'number' : 'integer' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.LiteralType:
      return { type: 'string' };
  }
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: convert(node.elementType, ctx, owner) };
  if (ts.isTypeReferenceNode(node)) return typeRef(node, ctx, owner);
  if (ts.isUnionTypeNode(node)) return unionType(node);
  if (ts.isTypeLiteralNode(node)) return mapType(node, ctx, owner);
  if (ts.isParenthesizedTypeNode(node)) return convert(node.type, ctx, owner);
  return {};
}

/** A property schema: refs are wrapped in allOf so the field's own description survives (as upstream v3 does). */
function propertySchema(m: ts.PropertySignature, ctx: FileCtx, typeName: string, fullName: string): Schema {
  const field = m.name.getText();
  const base = m.type ? convert(m.type, ctx, `${typeName}.${field}`) : {};
  const description = docOf(m);
  const out: Schema = '$ref' in base ? { allOf: [base] } : { ...base };
  if (description) out.description = description;
  return { ...out, ...(ctx.patch(fullName, field) ?? {}) };
}

function literalOf(m: ts.PropertySignature | undefined): string | undefined {
  const t = m?.type;
  return t && ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined;
}

function gvkOf(members: ts.PropertySignature[]): Gvk | undefined {
  const apiVersion = literalOf(members.find((m) => m.name.getText() === 'apiVersion'));
  const kind = literalOf(members.find((m) => m.name.getText() === 'kind'));
  if (!apiVersion || !kind) return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion, kind }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

function interfaceSchema(decl: ts.InterfaceDeclaration, ctx: FileCtx): { schema: Schema; gvk?: Gvk } {
  const name = `${ctx.pkg}.${decl.name.text}`;
  const members = decl.members.filter(ts.isPropertySignature);
  const schema: Schema = { type: 'object' };
  const description = docOf(decl);
  if (description) schema.description = description;
  if (members.length > 0) {
    const props: Record<string, Schema> = {};
    for (const m of members) props[m.name.getText()] = propertySchema(m, ctx, decl.name.text, name);
    schema.properties = props;
    const required = members.filter((m) => !m.questionToken).map((m) => m.name.getText());
    if (required.length > 0) schema.required = required;
  }
  const gvk = gvkOf(members);
  if (gvk) schema['x-kubernetes-group-version-kind'] = [gvk];
  return gvk ? { schema, gvk } : { schema };
}

/** Type aliases: Time/MicroTime (date-time strings), Quantity (string), JSONSchemaPropsOr* (any JSON). */
function aliasSchema(decl: ts.TypeAliasDeclaration): Schema {
  const description = docOf(decl);
  const name = decl.name.text;
  let schema: Schema = {};
  if (name === 'Time' || name === 'MicroTime') schema = { type: 'string', format: 'date-time' };
  else if (decl.type.kind === ts.SyntaxKind.StringKeyword) schema = { type: 'string' };
  return description ? { ...schema, description } : schema;
}

interface Collected { schemas: Record<string, Schema>; gvks: Gvk[] }

function collectFile(file: string, patch: PatchExtensions, into: Collected): void {
  const modulePath = moduleOf(file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const ctx: FileCtx = { pkg: packageOf(modulePath), imports: importsOf(sf, modulePath), patch };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const { schema, gvk } = interfaceSchema(st, ctx);
      into.schemas[`${ctx.pkg}.${st.name.text}`] = schema;
      if (gvk) into.gvks.push(gvk);
    } else if (ts.isTypeAliasDeclaration(st)) {
      into.schemas[`${ctx.pkg}.${st.name.text}`] = aliasSchema(st);
    }
  }
}

const INT_OR_STRING_DESCRIPTION =
  'A value that is either a 32-bit integer or a string (for example a port number or a port name, an absolute ' +
  'count or a percentage); it is written to JSON and YAML as whichever of the two it holds.';

/** Schemas kubernetes-types does not spell out: IntOrString, and GVKs of the meta types every group serves. */
function addSynthetic(c: Collected): void {
  c.schemas[INT_OR_STRING] = {
    type: 'string',
    format: 'int-or-string',
    'x-kubernetes-int-or-string': true,
    description: INT_OR_STRING_DESCRIPTION,
  };
  const meta = 'io.k8s.apimachinery.pkg.apis.meta.v1';
  const gvs = new Map<string, Gvk>();
  for (const g of c.gvks) gvs.set(`${g.group}/${g.version}`, { group: g.group, version: g.version, kind: '' });
  const every = (kind: string): Gvk[] =>
    [...gvs.values()].map((g) => ({ ...g, kind })).sort((a, b) => cmp(a.group, b.group) || cmp(a.version, b.version));
  for (const kind of ['DeleteOptions', 'WatchEvent']) {
    const s = c.schemas[`${meta}.${kind}`];
    if (s) s['x-kubernetes-group-version-kind'] = every(kind);
  }
  const status = c.schemas[`${meta}.Status`];
  if (status) status['x-kubernetes-group-version-kind'] = [{ group: '', version: 'v1', kind: 'Status' }];
  const json = c.schemas['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON'];
  if (json) delete json.type;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Recursively sorts object keys (arrays keep their order) so the output is byte-for-byte deterministic. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort(cmp)) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** Loads `patchExtensions` from src/api/patchmeta when that module exists (the hook for SMP metadata). */
async function loadPatchExtensions(): Promise<PatchExtensions> {
  const candidates = ['../src/api/patchmeta/index.js', '../src/api/patchmeta/patchmeta.js'];
  for (const spec of candidates) {
    try {
      const mod = (await import(spec)) as { patchExtensions?: PatchExtensions };
      if (typeof mod.patchExtensions === 'function') return mod.patchExtensions;
    } catch {
      // not written yet: generate without patch metadata
    }
  }
  return () => undefined;
}

export async function generateSchemas(): Promise<Record<string, Schema>> {
  const patch = await loadPatchExtensions();
  const c: Collected = { schemas: {}, gvks: [] };
  for (const file of listDeclarationFiles(TYPES_DIR)) collectFile(file, patch, c);
  addSynthetic(c);
  return sortKeys(c.schemas) as Record<string, Schema>;
}

async function main(): Promise<void> {
  const schemas = await generateSchemas();
  mkdirSync(dirname(OUT), { recursive: true });
  const text = JSON.stringify(schemas) + '\n';
  writeFileSync(OUT, text);
  const patched = text.includes('x-kubernetes-patch-strategy');
  console.log(`${relative(ROOT, OUT)}: ${Object.keys(schemas).length} schemas, ${text.length} bytes, patch metadata: ${patched}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
