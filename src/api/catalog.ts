/**
 * Every resource k8ts serves, as a flat table: the identity used by discovery, URLs, messages and storage keys on
 * the server, and by the clients to address resources. Strategies are attached in `registry/definitions.ts`;
 * this table is data only.
 */
export const STANDARD_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export interface CatalogEntry {
  /** "" for the core group. */
  group: string;
  version: string;
  /** Plural, lowercase: "pods". */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  /** Subresources handled generically: status and/or scale. */
  status?: boolean;
  scale?: boolean;
}

const e = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<CatalogEntry> = {},
): CatalogEntry => ({
  group,
  version,
  resource,
  kind,
  singular: kind.toLowerCase(),
  namespaced,
  ...extra,
});

export const CATALOG: readonly CatalogEntry[] = [
  // core/v1
  e('', 'v1', 'namespaces', 'Namespace', false, { shortNames: ['ns'], status: true, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] }),
  e('', 'v1', 'pods', 'Pod', true, { shortNames: ['po'], categories: ['all'], status: true }),
  e('', 'v1', 'services', 'Service', true, { shortNames: ['svc'], categories: ['all'], status: true }),
  e('', 'v1', 'endpoints', 'Endpoints', true, { shortNames: ['ep'], singular: 'endpoints' }),
  e('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  e('', 'v1', 'secrets', 'Secret', true),
  e('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  e('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'], status: true }),
  e('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  e('', 'v1', 'limitranges', 'LimitRange', true, { shortNames: ['limits'] }),
  e('', 'v1', 'resourcequotas', 'ResourceQuota', true, { shortNames: ['quota'], status: true }),
  e('', 'v1', 'persistentvolumes', 'PersistentVolume', false, { shortNames: ['pv'], status: true }),
  e('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], status: true }),
  e('', 'v1', 'podtemplates', 'PodTemplate', true),
  e('', 'v1', 'replicationcontrollers', 'ReplicationController', true, { shortNames: ['rc'], categories: ['all'], status: true, scale: true }),
  // apps/v1
  e('apps', 'v1', 'deployments', 'Deployment', true, { shortNames: ['deploy'], categories: ['all'], status: true, scale: true }),
  e('apps', 'v1', 'replicasets', 'ReplicaSet', true, { shortNames: ['rs'], categories: ['all'], status: true, scale: true }),
  e('apps', 'v1', 'statefulsets', 'StatefulSet', true, { shortNames: ['sts'], categories: ['all'], status: true, scale: true }),
  e('apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'], status: true }),
  e('apps', 'v1', 'controllerrevisions', 'ControllerRevision', true),
  // batch/v1
  e('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'], status: true }),
  e('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'], status: true }),
  // autoscaling/v2
  e('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', true, { shortNames: ['hpa'], categories: ['all'], status: true }),
  // coordination.k8s.io/v1
  e('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  // discovery.k8s.io/v1
  e('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice', true),
  // events.k8s.io/v1
  e('events.k8s.io', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  // networking.k8s.io/v1
  e('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, { shortNames: ['ing'], status: true }),
  e('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false),
  e('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, { shortNames: ['netpol'] }),
  // policy/v1
  e('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, { shortNames: ['pdb'], status: true }),
  // scheduling.k8s.io/v1
  e('scheduling.k8s.io', 'v1', 'priorityclasses', 'PriorityClass', false, { shortNames: ['pc'] }),
  // storage.k8s.io/v1
  e('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, { shortNames: ['sc'] }),
  // rbac.authorization.k8s.io/v1 (stored; enforced in a later issue)
  e('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  e('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  e('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  e('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
];

/** The entry of a resource (`group`, `resource`), or undefined. */
export const catalogEntry = (group: string, resource: string): CatalogEntry | undefined =>
  CATALOG.find((c) => c.group === group && c.resource === resource);

/** The entry of a kind (`group`, `Kind`), or undefined. */
export const catalogEntryForKind = (group: string, kind: string): CatalogEntry | undefined =>
  CATALOG.find((c) => c.group === group && c.kind === kind);
