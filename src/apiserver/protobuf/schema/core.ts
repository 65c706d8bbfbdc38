import { CORE, INTSTR, META, RESOURCE } from './options.js';

const OM = `${META}.ObjectMeta`;
const Q = `${RESOURCE}.Quantity`;

/** k8s.io/api core/v1: the top-level kinds other than the pod internals in core-pod.ts / core-container.ts. */
export const CORE_PROTO = `
package ${CORE};

message ObjectReference {
  optional string kind = 1;
  optional string namespace = 2;
  optional string name = 3;
  optional string uid = 4;
  optional string apiVersion = 5;
  optional string resourceVersion = 6;
  optional string fieldPath = 7;
}

message ConfigMap {
  optional ${OM} metadata = 1;
  map<string, string> data = 2;
  map<string, bytes> binaryData = 3;
  optional bool immutable = 4 [(keep_zero) = true];
}

message Secret {
  optional ${OM} metadata = 1;
  map<string, bytes> data = 2;
  optional string type = 3;
  map<string, string> stringData = 4;
  optional bool immutable = 5 [(keep_zero) = true];
}

message NamespaceSpec {
  repeated string finalizers = 1;
}

message NamespaceCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message NamespaceStatus {
  optional string phase = 1;
  repeated NamespaceCondition conditions = 2;
}

message Namespace {
  optional ${OM} metadata = 1;
  optional NamespaceSpec spec = 2;
  optional NamespaceStatus status = 3;
}

message ServiceAccount {
  optional ${OM} metadata = 1;
  repeated ObjectReference secrets = 2;
  repeated LocalObjectReference imagePullSecrets = 3;
  optional bool automountServiceAccountToken = 4 [(keep_zero) = true];
}

message ScopedResourceSelectorRequirement {
  optional string scopeName = 1;
  optional string operator = 2;
  repeated string values = 3;
}

message ScopeSelector {
  repeated ScopedResourceSelectorRequirement matchExpressions = 1;
}

message ResourceQuotaSpec {
  map<string, ${Q}> hard = 1;
  repeated string scopes = 2;
  optional ScopeSelector scopeSelector = 3;
}

message ResourceQuotaStatus {
  map<string, ${Q}> hard = 1;
  map<string, ${Q}> used = 2;
}

message ResourceQuota {
  optional ${OM} metadata = 1;
  optional ResourceQuotaSpec spec = 2;
  optional ResourceQuotaStatus status = 3;
}

message ServicePort {
  optional string name = 1;
  optional string protocol = 2;
  optional int32 port = 3 [(keep_zero) = true];
  optional ${INTSTR}.IntOrString targetPort = 4;
  optional int32 nodePort = 5;
  optional string appProtocol = 6;
}

message ClientIPConfig {
  optional int32 timeoutSeconds = 1 [(keep_zero) = true];
}

message SessionAffinityConfig {
  optional ClientIPConfig clientIP = 1;
}

message ServiceSpec {
  repeated ServicePort ports = 1;
  map<string, string> selector = 2;
  optional string clusterIP = 3;
  optional string type = 4;
  repeated string externalIPs = 5;
  optional string sessionAffinity = 7;
  optional string loadBalancerIP = 8;
  repeated string loadBalancerSourceRanges = 9;
  optional string externalName = 10;
  optional string externalTrafficPolicy = 11;
  optional int32 healthCheckNodePort = 12;
  optional bool publishNotReadyAddresses = 13;
  optional SessionAffinityConfig sessionAffinityConfig = 14;
  optional string ipFamilyPolicy = 17;
  repeated string clusterIPs = 18;
  repeated string ipFamilies = 19;
  optional bool allocateLoadBalancerNodePorts = 20 [(keep_zero) = true];
  optional string loadBalancerClass = 21;
  optional string internalTrafficPolicy = 22;
  optional string trafficDistribution = 23;
}

message PortStatus {
  optional int32 port = 1 [(keep_zero) = true];
  optional string protocol = 2;
  optional string error = 3;
}

message LoadBalancerIngress {
  optional string ip = 1;
  optional string hostname = 2;
  optional string ipMode = 3;
  repeated PortStatus ports = 4;
}

message LoadBalancerStatus {
  repeated LoadBalancerIngress ingress = 1;
}

message ServiceStatus {
  optional LoadBalancerStatus loadBalancer = 1;
  repeated ${META}.Condition conditions = 2;
}

message Service {
  optional ${OM} metadata = 1;
  optional ServiceSpec spec = 2;
  optional ServiceStatus status = 3;
}

message PodCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${META}.Time lastProbeTime = 3;
  optional ${META}.Time lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message PodIP {
  optional string ip = 1;
}

message PodStatus {
  optional string phase = 1;
  repeated PodCondition conditions = 2;
  optional string message = 3;
  optional string reason = 4;
  optional string hostIP = 5;
  optional string podIP = 6;
  optional ${META}.Time startTime = 7;
  optional string qosClass = 9;
  optional string nominatedNodeName = 11;
  repeated PodIP podIPs = 12;
}

message Pod {
  optional ${OM} metadata = 1;
  optional PodSpec spec = 2;
  optional PodStatus status = 3;
}

message Binding {
  optional ${OM} metadata = 1;
  optional ObjectReference target = 2;
}
`;
