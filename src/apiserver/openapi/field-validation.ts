/**
 * Server-side field validation (`fieldValidation=Strict|Warn`): finds the fields of a decoded object that its
 * kind's schema does not know, and (given the raw JSON) duplicate keys, and formats them as upstream does:
 *   Strict → 400 BadRequest `Deployment in version "v1" cannot be handled as a Deployment: strict decoding error:
 *            unknown field "spec.bogus", duplicate field "spec.paused"` (create/update; patches have no prefix)
 *   Warn   → one `Warning:` per issue: `unknown field "spec.bogus"`.
 * Maps (additionalProperties) are open; IntOrString, Quantity, RawExtension, JSON and other property-less objects
 * are opaque. The schemas are compiled once into a small tree of nodes (recursive types share nodes).
 */
import type { GroupVersionKind, Schema } from './schemas.js';
import { loadSchemas, refName, schemaNameForKind } from './schemas.js';
import type { PathSegments } from './json-keys.js';
import { formatPath, scanJsonKeys } from './json-keys.js';

const enum T {
  Leaf,
  Object,
  Array,
  Map,
}
type Scalar = 'string' | 'integer' | 'number' | 'boolean';
/** A leaf may carry the JSON type its value must have; opaque leaves (Quantity, IntOrString, Time …) do not. */
type Node =
  | { t: T.Leaf; scalar?: Scalar }
  | { t: T.Object; props: Map<string, Node> }
  | { t: T.Array; items: Node }
  | { t: T.Map; values: Node };

const LEAF: Node = { t: T.Leaf };
const compiled = new Map<string, Node>();

function compileNamed(name: string): Node {
  const hit = compiled.get(name);
  if (hit) return hit;
  const schema = loadSchemas()[name];
  if (!schema?.properties || schema['x-kubernetes-preserve-unknown-fields']) {
    // A named type without properties is opaque: Quantity and IntOrString accept numbers and strings alike.
    const node = schema && !schema['x-kubernetes-int-or-string'] && !schema.type ? compileSchema(schema) : LEAF;
    compiled.set(name, node);
    return node;
  }
  const props = new Map<string, Node>();
  const node: Node = { t: T.Object, props };
  compiled.set(name, node); // before the properties: recursive types (JSONSchemaProps) point back here
  for (const [k, v] of Object.entries(schema.properties as Record<string, Schema>)) props.set(k, compileSchema(v));
  return node;
}

function compileSchema(s: Schema): Node {
  if (typeof s.$ref === 'string') return compileNamed(refName(s.$ref));
  if (Array.isArray(s.allOf) && s.allOf.length === 1) return compileSchema(s.allOf[0] as Schema);
  if (s['x-kubernetes-preserve-unknown-fields']) return LEAF;
  if (s.type === 'array') return s.items ? { t: T.Array, items: compileSchema(s.items as Schema) } : LEAF;
  if (s.properties) {
    const props = new Map<string, Node>();
    for (const [k, v] of Object.entries(s.properties as Record<string, Schema>)) props.set(k, compileSchema(v));
    return { t: T.Object, props };
  }
  const ap = s.additionalProperties;
  if (ap && typeof ap === 'object') return { t: T.Map, values: compileSchema(ap as Schema) };
  if (s.type === 'object') return { t: T.Map, values: LEAF };
  if (!s['x-kubernetes-int-or-string'] && SCALARS.has(s.type as string) && !s.format) return { t: T.Leaf, scalar: s.type as Scalar };
  return LEAF;
}

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);

/** Drops the compiled trees (after the schemas were replaced). */
export function resetFieldValidationCache(): void {
  compiled.clear();
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Walk {
  path: PathSegments;
  out: string[];
  sorted: boolean;
  /** Delete the unknown fields found (as decoding into upstream's typed structs drops them). */
  prune?: boolean;
}

function walk(node: Node, v: unknown, w: Walk): void {
  switch (node.t) {
    case T.Object:
      if (isObject(v)) walkObject(node.props, v, w);
      return;
    case T.Array:
      if (Array.isArray(v) && node.items.t !== T.Leaf) {
        for (let i = 0; i < v.length; i++) {
          w.path.push(i);
          walk(node.items, v[i], w);
          w.path.pop();
        }
      }
      return;
    case T.Map:
      if (isObject(v) && node.values.t !== T.Leaf) {
        for (const k of keysOf(v, w.sorted)) {
          w.path.push(k);
          walk(node.values, v[k], w);
          w.path.pop();
        }
      }
  }
}

const keysOf = (v: Record<string, unknown>, sorted: boolean): string[] => (sorted ? Object.keys(v).sort() : Object.keys(v));

function walkObject(props: Map<string, Node>, v: Record<string, unknown>, w: Walk): void {
  for (const k of keysOf(v, w.sorted)) {
    const child = props.get(k);
    if (child === undefined) {
      w.out.push(formatPath(w.path, k));
      if (w.prune) delete v[k];
    } else if (child.t !== T.Leaf) {
      w.path.push(k);
      walk(child, v[k], w);
      w.path.pop();
    }
  }
}

export interface UnknownFieldOptions {
  /**
   * Visit keys in sorted order. Upstream reports the unknown fields of a patched object, or of a YAML body, in
   * the order of its sorted-key re-serialization; JSON create/update bodies are reported in document order.
   */
  sorted?: boolean;
}

/**
 * The unknown field paths of `obj` as a `gvk`, e.g. `spec.template.spec.containers[0].imagee` (no leading dot),
 * or [] when the kind has no generated schema (nothing to check against).
 */
export function findUnknownFields(gvk: GroupVersionKind, obj: unknown, opts: UnknownFieldOptions = {}): string[] {
  const name = schemaNameForKind(gvk);
  if (!name) return [];
  const w: Walk = { path: [], out: [], sorted: opts.sorted ?? false };
  walk(compileNamed(name), obj, w);
  return w.out;
}

/**
 * Removes the fields of `obj` its kind's schema does not know, in place, and returns their paths: what upstream's
 * decoding into typed objects does under fieldValidation Warn and Ignore.
 */
export function pruneUnknownFields(gvk: GroupVersionKind, obj: unknown): string[] {
  const name = schemaNameForKind(gvk);
  if (!name) return [];
  const w: Walk = { path: [], out: [], sorted: false, prune: true };
  walk(compileNamed(name), obj, w);
  return w.out;
}

export interface TypeMismatch {
  /** Struct fields only, as Go's decoder names them: `data` (not `data.k`), `spec.template.spec.containers.ports`. */
  path: string;
  expected: string;
  actual: string;
}

const jsonType = (v: unknown): string =>
  Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

function scalarOk(scalar: Scalar, v: unknown): boolean {
  if (scalar === 'string') return typeof v === 'string';
  if (scalar === 'boolean') return typeof v === 'boolean';
  if (scalar === 'integer') return typeof v === 'number' && Number.isInteger(v);
  return typeof v === 'number';
}

/** The first value whose JSON type contradicts the schema (null is always allowed), or undefined. */
function mismatch(node: Node, v: unknown, path: string[]): TypeMismatch | undefined {
  if (v === null || v === undefined) return undefined;
  const at = (expected: string): TypeMismatch => ({ path: path.join('.'), expected, actual: jsonType(v) });
  switch (node.t) {
    case T.Leaf:
      return node.scalar && !scalarOk(node.scalar, v) ? at(node.scalar) : undefined;
    case T.Array:
      if (!Array.isArray(v)) return at('array');
      for (let i = 0; i < v.length; i++) {
        const m = mismatch(node.items, v[i], path);
        if (m) return m;
      }
      return undefined;
    default: {
      if (!isObject(v)) return at('object');
      for (const [k, child] of Object.entries(v)) {
        const n = node.t === T.Map ? node.values : node.props.get(k);
        const m = n && mismatch(n, child, node.t === T.Map ? path : [...path, k]);
        if (m) return m;
      }
      return undefined;
    }
  }
}

/** Type errors are decoding errors (400) whatever fieldValidation says, as upstream's JSON decoding fails on them. */
export function findTypeMismatch(gvk: GroupVersionKind, obj: unknown): TypeMismatch | undefined {
  const name = schemaNameForKind(gvk);
  return name ? mismatch(compileNamed(name), obj, []) : undefined;
}

/** `json: cannot unmarshal number into Go struct field ConfigMap.data of type string`, as upstream words it. */
export const typeMismatchMessage = (kind: string, m: TypeMismatch): string =>
  `json: cannot unmarshal ${m.actual} into Go struct field ${kind}.${m.path} of type ${m.expected}`;

export interface FieldIssue {
  type: 'unknown' | 'duplicate';
  path: string;
}

/**
 * Unknown and duplicate fields of a JSON create/update body, interleaved in document order as upstream reports
 * them. A key that is both unknown and repeated is reported once, as unknown; nothing inside an unknown field is.
 * `obj` must be `JSON.parse(raw)`. Falls back to unknown fields only when `raw` cannot be scanned.
 */
export function findFieldIssues(gvk: GroupVersionKind, obj: unknown, raw?: string): FieldIssue[] {
  const unknown = findUnknownFields(gvk, obj);
  const asIssues = (paths: string[]): FieldIssue[] => paths.map((path) => ({ type: 'unknown' as const, path }));
  if (raw === undefined) return asIssues(unknown);
  const all = new Set(unknown);
  const pending = new Set(unknown);
  const leaves = new Set(unknown.map((p) => p.slice(p.lastIndexOf('.') + 1)));
  const out: FieldIssue[] = [];
  try {
    scanJsonKeys(raw, (parent, key, duplicate) => {
      if (!duplicate && !leaves.has(key)) return true;
      const path = formatPath(parent, key);
      if (all.has(path)) {
        if (pending.delete(path)) out.push({ type: 'unknown', path });
        return false;
      }
      if (duplicate) out.push({ type: 'duplicate', path });
      return true;
    });
  } catch {
    return asIssues(unknown);
  }
  return [...out, ...asIssues([...pending])];
}

const text = (i: FieldIssue | string): string => (typeof i === 'string' ? `unknown field "${i}"` : `${i.type} field "${i.path}"`);

/** `strict decoding error: unknown field "spec.a", duplicate field "spec.b"` (strings are unknown-field paths). */
export function strictDecodingError(issues: readonly (FieldIssue | string)[]): string {
  return `strict decoding error: ${issues.map(text).join(', ')}`;
}

/** The 400 message of a create/update: `Pod in version "v1" cannot be handled as a Pod: strict decoding error: …`. */
export function cannotBeHandledMessage(kind: string, version: string, detail: string): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${detail}`;
}

/** One warning text per issue for `fieldValidation=Warn` (and upstream's default, which is Warn). */
export function fieldValidationWarnings(issues: readonly (FieldIssue | string)[]): string[] {
  return issues.map(text);
}
