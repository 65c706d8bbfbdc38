/**
 * Patch metadata of the named groups k8ts serves (apps/v1, batch/v1, autoscaling/v2, policy/v1, networking/v1,
 * rbac/v1, discovery/v1), from the upstream `patchStrategy` / `patchMergeKey` / `+listType` tags (Kubernetes 1.30).
 */
import { CORE, META, atomic, conditions, keyedAtomic, plainSet, ref, withMeta } from './build.js';
import type { TypeFields } from './types.js';

const APPS = 'io.k8s.api.apps.v1.';
const BATCH = 'io.k8s.api.batch.v1.';
const HPA = 'io.k8s.api.autoscaling.v2.';
const POLICY = 'io.k8s.api.policy.v1.';
const NET = 'io.k8s.api.networking.v1.';
const RBAC = 'io.k8s.api.rbac.v1.';
const DISC = 'io.k8s.api.discovery.v1.';
const TEMPLATE = `${CORE}PodTemplateSpec`;

const apps: Record<string, TypeFields> = {
  [`${APPS}Deployment`]: withMeta({ spec: ref(`${APPS}DeploymentSpec`), status: ref(`${APPS}DeploymentStatus`) }),
  [`${APPS}DeploymentSpec`]: {
    template: ref(TEMPLATE),
    strategy: { type: `${APPS}DeploymentStrategy`, strategy: 'retainKeys' },
  },
  [`${APPS}DeploymentStatus`]: { conditions: conditions(`${APPS}DeploymentCondition`) },
  [`${APPS}ReplicaSet`]: withMeta({ spec: ref(`${APPS}ReplicaSetSpec`), status: ref(`${APPS}ReplicaSetStatus`) }),
  [`${APPS}ReplicaSetSpec`]: { template: ref(TEMPLATE) },
  [`${APPS}ReplicaSetStatus`]: { conditions: conditions(`${APPS}ReplicaSetCondition`) },
  [`${APPS}StatefulSet`]: withMeta({ spec: ref(`${APPS}StatefulSetSpec`), status: ref(`${APPS}StatefulSetStatus`) }),
  [`${APPS}StatefulSetSpec`]: {
    template: ref(TEMPLATE),
    volumeClaimTemplates: atomic(`${CORE}PersistentVolumeClaim`),
  },
  [`${APPS}StatefulSetStatus`]: { conditions: conditions(`${APPS}StatefulSetCondition`) },
  [`${APPS}DaemonSet`]: withMeta({ spec: ref(`${APPS}DaemonSetSpec`), status: ref(`${APPS}DaemonSetStatus`) }),
  [`${APPS}DaemonSetSpec`]: { template: ref(TEMPLATE) },
  [`${APPS}DaemonSetStatus`]: { conditions: conditions(`${APPS}DaemonSetCondition`) },
};

const batch: Record<string, TypeFields> = {
  [`${BATCH}Job`]: withMeta({ spec: ref(`${BATCH}JobSpec`), status: ref(`${BATCH}JobStatus`) }),
  [`${BATCH}JobSpec`]: { template: ref(TEMPLATE), podFailurePolicy: ref(`${BATCH}PodFailurePolicy`) },
  [`${BATCH}PodFailurePolicy`]: { rules: atomic(`${BATCH}PodFailurePolicyRule`) },
  [`${BATCH}JobStatus`]: { conditions: keyedAtomic(`${BATCH}JobCondition`, 'type') },
  [`${BATCH}CronJob`]: withMeta({ spec: ref(`${BATCH}CronJobSpec`), status: ref(`${BATCH}CronJobStatus`) }),
  [`${BATCH}CronJobSpec`]: { jobTemplate: ref(`${BATCH}JobTemplateSpec`) },
  [`${BATCH}JobTemplateSpec`]: withMeta({ spec: ref(`${BATCH}JobSpec`) }),
  [`${BATCH}CronJobStatus`]: { active: atomic(`${CORE}ObjectReference`) },
};

const autoscaling: Record<string, TypeFields> = {
  [`${HPA}HorizontalPodAutoscaler`]: withMeta({
    spec: ref(`${HPA}HorizontalPodAutoscalerSpec`),
    status: ref(`${HPA}HorizontalPodAutoscalerStatus`),
  }),
  [`${HPA}HorizontalPodAutoscalerSpec`]: { metrics: atomic(`${HPA}MetricSpec`) },
  [`${HPA}HorizontalPodAutoscalerStatus`]: {
    conditions: conditions(`${HPA}HorizontalPodAutoscalerCondition`),
    currentMetrics: atomic(`${HPA}MetricStatus`),
  },
  [`${HPA}HPAScalingRules`]: { policies: atomic(`${HPA}HPAScalingPolicy`) },
};

const policy: Record<string, TypeFields> = {
  [`${POLICY}PodDisruptionBudget`]: withMeta({ status: ref(`${POLICY}PodDisruptionBudgetStatus`) }),
  [`${POLICY}PodDisruptionBudgetStatus`]: { conditions: conditions(`${META}Condition`) },
};

const networking: Record<string, TypeFields> = {
  [`${NET}Ingress`]: withMeta({ spec: ref(`${NET}IngressSpec`), status: ref(`${NET}IngressStatus`) }),
  [`${NET}IngressSpec`]: { rules: atomic(`${NET}IngressRule`), tls: atomic(`${NET}IngressTLS`) },
  [`${NET}IngressStatus`]: { loadBalancer: ref(`${NET}IngressLoadBalancerStatus`) },
  [`${NET}IngressLoadBalancerStatus`]: { ingress: atomic(`${NET}IngressLoadBalancerIngress`) },
  [`${NET}IngressLoadBalancerIngress`]: { ports: atomic(`${NET}IngressPortStatus`) },
  [`${NET}HTTPIngressRuleValue`]: { paths: atomic(`${NET}HTTPIngressPath`) },
  [`${NET}IngressTLS`]: { hosts: atomic() },
  [`${NET}NetworkPolicy`]: withMeta({ spec: ref(`${NET}NetworkPolicySpec`) }),
  [`${NET}NetworkPolicySpec`]: {
    ingress: atomic(`${NET}NetworkPolicyIngressRule`),
    egress: atomic(`${NET}NetworkPolicyEgressRule`),
    policyTypes: atomic(),
  },
};

const rbac: Record<string, TypeFields> = {
  [`${RBAC}Role`]: withMeta({ rules: atomic(`${RBAC}PolicyRule`) }),
  [`${RBAC}ClusterRole`]: withMeta({ rules: atomic(`${RBAC}PolicyRule`), aggregationRule: ref(`${RBAC}AggregationRule`) }),
  [`${RBAC}AggregationRule`]: { clusterRoleSelectors: atomic(`${META}LabelSelector`) },
  [`${RBAC}RoleBinding`]: withMeta({ subjects: atomic(`${RBAC}Subject`) }),
  [`${RBAC}ClusterRoleBinding`]: withMeta({ subjects: atomic(`${RBAC}Subject`) }),
  [`${RBAC}PolicyRule`]: {
    verbs: atomic(),
    apiGroups: atomic(),
    resources: atomic(),
    resourceNames: atomic(),
    nonResourceURLs: atomic(),
  },
};

const discovery: Record<string, TypeFields> = {
  [`${DISC}EndpointSlice`]: withMeta({ endpoints: atomic(`${DISC}Endpoint`), ports: atomic(`${DISC}EndpointPort`) }),
  [`${DISC}Endpoint`]: { addresses: plainSet() },
};

export const GROUPS_TABLE: Record<string, TypeFields> = {
  ...apps,
  ...batch,
  ...autoscaling,
  ...policy,
  ...networking,
  ...rbac,
  ...discovery,
};
