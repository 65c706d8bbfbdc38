/**
 * Shapes of the strategic-merge-patch metadata table: for each API type (OpenAPI name, e.g.
 * `io.k8s.api.core.v1.PodSpec`) the fields that carry `patchStrategy` / `patchMergeKey` / `listType` tags upstream,
 * and the fields that lead to such types (so a patch can be walked from the top kind down).
 * Fields not in the table have default semantics: maps merge, lists replace.
 */
export type PatchStrategy = 'merge' | 'retainKeys' | 'merge,retainKeys' | 'replace';
export type ListType = 'atomic' | 'set' | 'map';

export interface FieldSpec {
  /** OpenAPI name of the field's type; for a list, of its elements. Absent for primitives and plain maps. */
  type?: string;
  strategy?: PatchStrategy;
  mergeKey?: string;
  listType?: ListType;
  listMapKeys?: readonly string[];
}

export type TypeFields = Readonly<Record<string, FieldSpec>>;
export type TypeTable = Readonly<Record<string, TypeFields>>;

/** The OpenAPI vendor extensions of one field, as upstream publishes them. */
export interface PatchExtensions {
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-list-type'?: ListType;
  'x-kubernetes-list-map-keys'?: string[];
}

/** What the patcher needs to know about one field, plus a walker for its value (for a list: its elements). */
export interface FieldMeta {
  /** The strategy includes `merge`: maps in the list merge by `mergeKey`, primitives merge as a set. */
  readonly merge: boolean;
  /** The strategy includes `retainKeys`. */
  readonly retainKeys: boolean;
  readonly mergeKey: string | undefined;
  readonly child: PatchMetaWalker;
}

/** Walks the type graph of one kind: `root.field('spec').child.field('template')…`. */
export interface PatchMetaWalker {
  /** The OpenAPI type name this walker stands on, undefined once the walk leaves the known graph. */
  readonly typeName: string | undefined;
  field(name: string): FieldMeta;
}
