/**
 * Patch metadata of core/v1 (and meta/v1) types, from the `patchStrategy` / `patchMergeKey` / `+listType` tags of
 * k8s.io/api core/v1 and k8s.io/apimachinery meta/v1 (Kubernetes 1.30). Only fields that carry tags or lead to
 * tagged types are listed.
 */
import {
  CORE as C,
  META as M,
  OBJECT_META,
  atomic,
  conditions,
  keyed,
  keyedAtomic,
  keyedRetain,
  primitiveSet,
  ref,
  withMeta,
} from './build.js';
import type { TypeFields } from './types.js';

const containerFields: TypeFields = {
  command: atomic(),
  args: atomic(),
  ports: keyed(`${C}ContainerPort`, 'containerPort', ['containerPort', 'protocol']),
  envFrom: atomic(`${C}EnvFromSource`),
  env: keyed(`${C}EnvVar`, 'name'),
  resources: ref(`${C}ResourceRequirements`),
  resizePolicy: atomic(`${C}ContainerResizePolicy`),
  volumeMounts: keyed(`${C}VolumeMount`, 'mountPath'),
  volumeDevices: keyed(`${C}VolumeDevice`, 'devicePath'),
};

export const CORE_TABLE: Record<string, TypeFields> = {
  [OBJECT_META]: {
    finalizers: primitiveSet(),
    ownerReferences: keyed(`${M}OwnerReference`, 'uid'),
    managedFields: atomic(`${M}ManagedFieldsEntry`),
  },
  [`${M}LabelSelector`]: { matchExpressions: atomic(`${M}LabelSelectorRequirement`) },
  [`${M}LabelSelectorRequirement`]: { values: atomic() },

  // Workloads
  [`${C}Pod`]: withMeta({ spec: ref(`${C}PodSpec`), status: ref(`${C}PodStatus`) }),
  [`${C}PodTemplate`]: withMeta({ template: ref(`${C}PodTemplateSpec`) }),
  [`${C}PodTemplateSpec`]: withMeta({ spec: ref(`${C}PodSpec`) }),
  [`${C}PodSpec`]: {
    volumes: keyedRetain(`${C}Volume`, 'name'),
    initContainers: keyed(`${C}Container`, 'name'),
    containers: keyed(`${C}Container`, 'name'),
    ephemeralContainers: keyed(`${C}EphemeralContainer`, 'name'),
    imagePullSecrets: keyed(`${C}LocalObjectReference`, 'name'),
    tolerations: atomic(`${C}Toleration`),
    hostAliases: keyed(`${C}HostAlias`, 'ip'),
    topologySpreadConstraints: keyed(`${C}TopologySpreadConstraint`, 'topologyKey', ['topologyKey', 'whenUnsatisfiable']),
    readinessGates: atomic(`${C}PodReadinessGate`),
    schedulingGates: keyed(`${C}PodSchedulingGate`, 'name'),
    resourceClaims: keyedRetain(`${C}PodResourceClaim`, 'name'),
    securityContext: ref(`${C}PodSecurityContext`),
    dnsConfig: ref(`${C}PodDNSConfig`),
  },
  [`${C}PodSecurityContext`]: { supplementalGroups: atomic(), sysctls: atomic(`${C}Sysctl`) },
  [`${C}PodDNSConfig`]: { nameservers: atomic(), searches: atomic(), options: atomic(`${C}PodDNSConfigOption`) },
  [`${C}HostAlias`]: { hostnames: atomic() },
  [`${C}TopologySpreadConstraint`]: { matchLabelKeys: atomic() },
  [`${C}Container`]: containerFields,
  [`${C}EphemeralContainer`]: containerFields,
  [`${C}ResourceRequirements`]: { claims: keyed(`${C}ResourceClaim`, 'name') },
  [`${C}PodStatus`]: {
    conditions: conditions(`${C}PodCondition`),
    podIPs: keyed(`${C}PodIP`, 'ip'),
    hostIPs: keyedAtomic(`${C}HostIP`, 'ip'),
    initContainerStatuses: atomic(`${C}ContainerStatus`),
    containerStatuses: atomic(`${C}ContainerStatus`),
    ephemeralContainerStatuses: atomic(`${C}ContainerStatus`),
    resourceClaimStatuses: keyedRetain(`${C}PodResourceClaimStatus`, 'name'),
  },
  [`${C}ReplicationController`]: withMeta({
    spec: ref(`${C}ReplicationControllerSpec`),
    status: ref(`${C}ReplicationControllerStatus`),
  }),
  [`${C}ReplicationControllerSpec`]: { template: ref(`${C}PodTemplateSpec`) },
  [`${C}ReplicationControllerStatus`]: { conditions: conditions(`${C}ReplicationControllerCondition`) },

  // Services and endpoints
  [`${C}Service`]: withMeta({ spec: ref(`${C}ServiceSpec`), status: ref(`${C}ServiceStatus`) }),
  [`${C}ServiceSpec`]: {
    ports: keyed(`${C}ServicePort`, 'port', ['port', 'protocol']),
    clusterIPs: atomic(),
    externalIPs: atomic(),
    ipFamilies: atomic(),
    loadBalancerSourceRanges: atomic(),
  },
  [`${C}ServiceStatus`]: {
    conditions: conditions(`${M}Condition`),
    loadBalancer: ref(`${C}LoadBalancerStatus`),
  },
  [`${C}LoadBalancerStatus`]: { ingress: atomic(`${C}LoadBalancerIngress`) },
  [`${C}LoadBalancerIngress`]: { ports: atomic(`${C}PortStatus`) },
  [`${C}Endpoints`]: withMeta({ subsets: atomic(`${C}EndpointSubset`) }),
  [`${C}EndpointSubset`]: {
    addresses: atomic(`${C}EndpointAddress`),
    notReadyAddresses: atomic(`${C}EndpointAddress`),
    ports: atomic(`${C}EndpointPort`),
  },
  [`${C}ServiceAccount`]: withMeta({
    secrets: keyed(`${C}ObjectReference`, 'name'),
    imagePullSecrets: atomic(`${C}LocalObjectReference`),
  }),

  // Cluster objects
  [`${C}Node`]: withMeta({ spec: ref(`${C}NodeSpec`), status: ref(`${C}NodeStatus`) }),
  [`${C}NodeSpec`]: { podCIDRs: primitiveSet(), taints: atomic(`${C}Taint`) },
  [`${C}NodeStatus`]: {
    conditions: conditions(`${C}NodeCondition`),
    addresses: keyed(`${C}NodeAddress`, 'type'),
    images: atomic(`${C}ContainerImage`),
    volumesInUse: atomic(),
    volumesAttached: atomic(`${C}AttachedVolume`),
  },
  [`${C}Namespace`]: withMeta({ spec: ref(`${C}NamespaceSpec`), status: ref(`${C}NamespaceStatus`) }),
  [`${C}NamespaceSpec`]: { finalizers: atomic() },
  [`${C}NamespaceStatus`]: { conditions: conditions(`${C}NamespaceCondition`) },
  [`${C}ComponentStatus`]: withMeta({ conditions: conditions(`${C}ComponentCondition`) }),

  // Storage and policy objects
  [`${C}PersistentVolumeClaim`]: withMeta({
    spec: ref(`${C}PersistentVolumeClaimSpec`),
    status: ref(`${C}PersistentVolumeClaimStatus`),
  }),
  [`${C}PersistentVolumeClaimSpec`]: { accessModes: atomic() },
  [`${C}PersistentVolumeClaimStatus`]: {
    accessModes: atomic(),
    conditions: conditions(`${C}PersistentVolumeClaimCondition`),
  },
  [`${C}PersistentVolume`]: withMeta({ spec: ref(`${C}PersistentVolumeSpec`) }),
  [`${C}PersistentVolumeSpec`]: { accessModes: atomic(), mountOptions: atomic() },
  [`${C}ResourceQuota`]: withMeta({ spec: ref(`${C}ResourceQuotaSpec`) }),
  [`${C}ResourceQuotaSpec`]: { scopes: atomic() },
  [`${C}LimitRange`]: withMeta({ spec: ref(`${C}LimitRangeSpec`) }),
  [`${C}LimitRangeSpec`]: { limits: atomic(`${C}LimitRangeItem`) },
  [`${C}Capabilities`]: { add: atomic(), drop: atomic() },
  [`${C}NodeSelectorRequirement`]: { values: atomic() },
  [`${C}ScopedResourceSelectorRequirement`]: { values: atomic() },
  [`${C}TopologySelectorLabelRequirement`]: { values: atomic() },
};
