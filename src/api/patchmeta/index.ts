/**
 * Strategic-merge-patch metadata: which list fields merge (and by which key), which maps retain keys, and the type
 * graph that leads to them from each built-in kind. `patchMetaFor` answers a walker for a kind (undefined for kinds
 * without compiled-in metadata, e.g. custom resources); `patchExtensions` answers the OpenAPI vendor extensions of
 * one field, for the OpenAPI generator.
 */
import { OBJECT_META, ref } from './build.js';
import { CORE_TABLE } from './table-core.js';
import { GROUPS_TABLE } from './table-groups.js';
import type { FieldMeta, FieldSpec, PatchExtensions, PatchMetaWalker, TypeFields, TypeTable } from './types.js';

export type { FieldMeta, FieldSpec, ListType, PatchExtensions, PatchMetaWalker, PatchStrategy, TypeTable } from './types.js';

export const PATCH_META_TABLE: TypeTable = { ...CORE_TABLE, ...GROUPS_TABLE };

/** Built-in kinds by `group/version` ("" group → "v1"): these accept strategic merge patch. */
export const KNOWN_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding', 'ComponentStatus', 'ConfigMap', 'Endpoints', 'Event', 'LimitRange', 'Namespace', 'Node',
    'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota',
    'Secret', 'Service', 'ServiceAccount',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'autoscaling/v1': ['HorizontalPodAutoscaler', 'Scale'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'policy/v1': ['Eviction', 'PodDisruptionBudget'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'coordination.k8s.io/v1': ['Lease'],
  'events.k8s.io/v1': ['Event'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
};

/** `apps`/`v1`/`Deployment` → `io.k8s.api.apps.v1.Deployment`; the core group is `core`. */
export function typeNameOf(group: string, version: string, kind: string): string {
  const pkg = group === '' ? 'core' : group.split('.')[0];
  return `io.k8s.api.${pkg}.${version}.${kind}`;
}

const NO_FIELDS: TypeFields = {};
const KIND_FALLBACK: TypeFields = { metadata: ref(OBJECT_META) };

const hasStrategy = (spec: FieldSpec | undefined, part: 'merge' | 'retainKeys'): boolean =>
  spec?.strategy !== undefined && spec.strategy.split(',').includes(part);

class TableWalker implements PatchMetaWalker {
  constructor(
    readonly typeName: string | undefined,
    private readonly fields: TypeFields,
  ) {}

  field(name: string): FieldMeta {
    const spec = Object.prototype.hasOwnProperty.call(this.fields, name) ? this.fields[name] : undefined;
    return {
      merge: hasStrategy(spec, 'merge'),
      retainKeys: hasStrategy(spec, 'retainKeys'),
      mergeKey: spec?.mergeKey,
      child: walkerForType(spec?.type),
    };
  }
}

/** A walker standing on one type (an empty one, with default semantics everywhere, for unknown types). */
export function walkerForType(typeName: string | undefined, fallback: TypeFields = NO_FIELDS): PatchMetaWalker {
  const fields = typeName !== undefined ? PATCH_META_TABLE[typeName] : undefined;
  return new TableWalker(typeName, fields ?? fallback);
}

/** The walker for a built-in kind, or undefined when k8ts has no metadata for it (custom resources). */
export function patchMetaFor(group: string, version: string, kind: string): PatchMetaWalker | undefined {
  const gv = group === '' ? version : `${group}/${version}`;
  if (!KNOWN_KINDS[gv]?.includes(kind)) return undefined;
  return walkerForType(typeNameOf(group, version, kind), KIND_FALLBACK);
}

/** The `x-kubernetes-patch-*` and `x-kubernetes-list-*` extensions of `typeName.field`, as upstream publishes them. */
export function patchExtensions(typeName: string, field: string): PatchExtensions | undefined {
  const fields = PATCH_META_TABLE[typeName];
  const spec = fields && Object.prototype.hasOwnProperty.call(fields, field) ? fields[field] : undefined;
  if (!spec) return undefined;
  const out: PatchExtensions = {};
  if (spec.strategy && spec.strategy !== 'replace') out['x-kubernetes-patch-strategy'] = spec.strategy;
  if (spec.mergeKey) out['x-kubernetes-patch-merge-key'] = spec.mergeKey;
  if (spec.listType) out['x-kubernetes-list-type'] = spec.listType;
  if (spec.listType === 'map' && spec.listMapKeys) out['x-kubernetes-list-map-keys'] = [...spec.listMapKeys];
  return Object.keys(out).length > 0 ? out : undefined;
}
