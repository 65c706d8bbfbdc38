import { INTSTR, META } from './options.js';

const OM = `${META}.ObjectMeta`;
const LS = `${META}.LabelSelector`;
const T = `${META}.Time`;
const IOS = `${INTSTR}.IntOrString`;

/** rbac/v1, policy/v1, scheduling/v1, networking/v1 (Ingress), autoscaling/v1 (Scale). */
export const POLICY_PROTOS: readonly string[] = [
  `
package k8s.io.api.rbac.v1;

message PolicyRule {
  repeated string verbs = 1;
  repeated string apiGroups = 2;
  repeated string resources = 3;
  repeated string resourceNames = 4;
  repeated string nonResourceURLs = 5;
}

message AggregationRule {
  repeated ${LS} clusterRoleSelectors = 1;
}

message Subject {
  optional string kind = 1;
  optional string apiGroup = 2;
  optional string name = 3;
  optional string namespace = 4;
}

message RoleRef {
  optional string apiGroup = 1;
  optional string kind = 2;
  optional string name = 3;
}

message Role {
  optional ${OM} metadata = 1;
  repeated PolicyRule rules = 2;
}

message ClusterRole {
  optional ${OM} metadata = 1;
  repeated PolicyRule rules = 2;
  optional AggregationRule aggregationRule = 3;
}

message RoleBinding {
  optional ${OM} metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}

message ClusterRoleBinding {
  optional ${OM} metadata = 1;
  repeated Subject subjects = 2;
  optional RoleRef roleRef = 3;
}
`,
  `
package k8s.io.api.policy.v1;

message PodDisruptionBudgetSpec {
  optional ${IOS} minAvailable = 1;
  optional ${LS} selector = 2;
  optional ${IOS} maxUnavailable = 3;
  optional string unhealthyPodEvictionPolicy = 4;
}

message PodDisruptionBudgetStatus {
  optional int64 observedGeneration = 1;
  map<string, ${T}> disruptedPods = 2;
  optional int32 disruptionsAllowed = 3 [(keep_zero) = true];
  optional int32 currentHealthy = 4 [(keep_zero) = true];
  optional int32 desiredHealthy = 5 [(keep_zero) = true];
  optional int32 expectedPods = 6 [(keep_zero) = true];
  repeated ${META}.Condition conditions = 7;
}

message PodDisruptionBudget {
  optional ${OM} metadata = 1;
  optional PodDisruptionBudgetSpec spec = 2;
  optional PodDisruptionBudgetStatus status = 3;
}

message Eviction {
  optional ${OM} metadata = 1;
  optional ${META}.DeleteOptions deleteOptions = 2;
}
`,
  `
package k8s.io.api.scheduling.v1;

message PriorityClass {
  optional ${OM} metadata = 1;
  optional int32 value = 2 [(keep_zero) = true];
  optional bool globalDefault = 3;
  optional string description = 4;
  optional string preemptionPolicy = 5;
}
`,
  `
package k8s.io.api.networking.v1;

message ServiceBackendPort {
  optional string name = 1;
  optional int32 number = 2;
}

message IngressServiceBackend {
  optional string name = 1;
  optional ServiceBackendPort port = 2;
}

message TypedLocalObjectReference {
  optional string apiGroup = 1;
  optional string kind = 2;
  optional string name = 3;
}

message IngressBackend {
  optional TypedLocalObjectReference resource = 3;
  optional IngressServiceBackend service = 4;
}

message IngressTLS {
  repeated string hosts = 1;
  optional string secretName = 2;
}

message HTTPIngressPath {
  optional string path = 1;
  optional IngressBackend backend = 2;
  optional string pathType = 3;
}

message HTTPIngressRuleValue {
  repeated HTTPIngressPath paths = 1;
}

message IngressRuleValue {
  optional HTTPIngressRuleValue http = 1;
}

message IngressRule {
  optional string host = 1;
  optional IngressRuleValue ingressRuleValue = 2 [(inline) = true];
}

message IngressSpec {
  optional IngressBackend defaultBackend = 1;
  repeated IngressTLS tls = 2;
  repeated IngressRule rules = 3;
  optional string ingressClassName = 4;
}

message IngressPortStatus {
  optional int32 port = 1 [(keep_zero) = true];
  optional string protocol = 2;
  optional string error = 3;
}

message IngressLoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  repeated IngressPortStatus ports = 4;
}

message IngressLoadBalancerStatus {
  repeated IngressLoadBalancerIngress ingress = 1;
}

message IngressStatus {
  optional IngressLoadBalancerStatus loadBalancer = 1;
}

message Ingress {
  optional ${OM} metadata = 1;
  optional IngressSpec spec = 2;
  optional IngressStatus status = 3;
}
`,
  `
package k8s.io.api.autoscaling.v1;

message ScaleSpec {
  optional int32 replicas = 1 [(keep_zero) = true];
}

message ScaleStatus {
  optional int32 replicas = 1 [(keep_zero) = true];
  optional string selector = 2;
}

message Scale {
  optional ${OM} metadata = 1;
  optional ScaleSpec spec = 2;
  optional ScaleStatus status = 3;
}
`,
];
