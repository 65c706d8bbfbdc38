/** Small constructors that keep the metadata tables readable. */
import type { FieldSpec } from './types.js';

export const CORE = 'io.k8s.api.core.v1.';
export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';
export const OBJECT_META = `${META}ObjectMeta`;

/** A field whose value is an object of `type` (or a list of them) with no patch tags of its own. */
export const ref = (type: string): FieldSpec => ({ type });

/** `patchStrategy:"merge" patchMergeKey:<key>` with `listType=map` keyed by `mapKeys` (default: the merge key). */
export const keyed = (type: string, key: string, mapKeys: readonly string[] = [key]): FieldSpec => ({
  type,
  strategy: 'merge',
  mergeKey: key,
  listType: 'map',
  listMapKeys: mapKeys,
});

/** Like `keyed`, with `patchStrategy:"merge,retainKeys"` (volumes, resource claims). */
export const keyedRetain = (type: string, key: string): FieldSpec => ({ ...keyed(type, key), strategy: 'merge,retainKeys' });

/** `patchStrategy:"merge" patchMergeKey:<key>` on a list whose `listType` is atomic (Job conditions, hostIPs). */
export const keyedAtomic = (type: string, key: string): FieldSpec => ({ type, strategy: 'merge', mergeKey: key, listType: 'atomic' });

/** A list replaced as a whole (`listType=atomic`). */
export const atomic = (type?: string): FieldSpec => (type ? { type, listType: 'atomic' } : { listType: 'atomic' });

/** A list of primitives that merges as a set (`patchStrategy:"merge"`, `listType=set`): finalizers, podCIDRs. */
export const primitiveSet = (): FieldSpec => ({ strategy: 'merge', listType: 'set' });

/** A `listType=set` list without a patch strategy (replaced by strategic merge patch). */
export const plainSet = (): FieldSpec => ({ listType: 'set' });

/** Conditions lists: merge by `type`. */
export const conditions = (type: string): FieldSpec => keyed(type, 'type');

/** `metadata` of every kind. */
export const withMeta = (fields: Record<string, FieldSpec> = {}): Record<string, FieldSpec> => ({
  metadata: ref(OBJECT_META),
  ...fields,
});
