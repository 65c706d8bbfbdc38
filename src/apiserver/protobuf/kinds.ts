/**
 * Which protobuf message holds the object of a `runtime.Unknown` envelope, by `apiVersion` and `kind`
 * (upstream's typeMeta). DeleteOptions is registered in every group version upstream, so it is accepted under any
 * apiVersion (client-go sends `v1` for pods, `apps/v1` for deployments …).
 */
const CORE = 'k8s.io.api.core.v1';

const MESSAGES: Record<string, string> = {
  'v1/ConfigMap': `${CORE}.ConfigMap`,
  'v1/Secret': `${CORE}.Secret`,
  'v1/Namespace': `${CORE}.Namespace`,
  'v1/Service': `${CORE}.Service`,
  'v1/ServiceAccount': `${CORE}.ServiceAccount`,
  'v1/ResourceQuota': `${CORE}.ResourceQuota`,
  'v1/Pod': `${CORE}.Pod`,
  'v1/Binding': `${CORE}.Binding`,
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'batch/v1/Job': 'k8s.io.api.batch.v1.Job',
  'batch/v1/CronJob': 'k8s.io.api.batch.v1.CronJob',
  'rbac.authorization.k8s.io/v1/Role': 'k8s.io.api.rbac.v1.Role',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'k8s.io.api.rbac.v1.RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'k8s.io.api.rbac.v1.ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'k8s.io.api.rbac.v1.ClusterRoleBinding',
  'policy/v1/PodDisruptionBudget': 'k8s.io.api.policy.v1.PodDisruptionBudget',
  'policy/v1/Eviction': 'k8s.io.api.policy.v1.Eviction',
  'scheduling.k8s.io/v1/PriorityClass': 'k8s.io.api.scheduling.v1.PriorityClass',
  'networking.k8s.io/v1/Ingress': 'k8s.io.api.networking.v1.Ingress',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'k8s.io.api.authorization.v1.SelfSubjectRulesReview',
  'authentication.k8s.io/v1/TokenRequest': 'k8s.io.api.authentication.v1.TokenRequest',
  'autoscaling/v1/Scale': 'k8s.io.api.autoscaling.v1.Scale',
};

const ANY_VERSION: Record<string, string> = {
  DeleteOptions: 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
};

/** The fully qualified message name for apiVersion/kind, or undefined when we have no schema for it. */
export function messageFor(apiVersion: string, kind: string): string | undefined {
  return MESSAGES[`${apiVersion}/${kind}`] ?? ANY_VERSION[kind];
}

/** `apiVersion/kind` pairs we decode, for error messages and tests. */
export const supportedKinds = (): string[] => [...Object.keys(MESSAGES), ...Object.keys(ANY_VERSION).map((k) => `*/${k}`)];
