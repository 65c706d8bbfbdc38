import { CORE, INTSTR, META } from './options.js';

const OM = `${META}.ObjectMeta`;
const LS = `${META}.LabelSelector`;
const T = `${META}.Time`;
const IOS = `${INTSTR}.IntOrString`;
const PTS = `${CORE}.PodTemplateSpec`;

/** k8s.io/api apps/v1 and batch/v1 (workloads). */
export const WORKLOADS_PROTOS: readonly string[] = [
  `
package k8s.io.api.apps.v1;

message RollingUpdateDeployment {
  optional ${IOS} maxUnavailable = 1;
  optional ${IOS} maxSurge = 2;
}

message DeploymentStrategy {
  optional string type = 1;
  optional RollingUpdateDeployment rollingUpdate = 2;
}

message DeploymentSpec {
  optional int32 replicas = 1 [(keep_zero) = true];
  optional ${LS} selector = 2;
  optional ${PTS} template = 3;
  optional DeploymentStrategy strategy = 4;
  optional int32 minReadySeconds = 5;
  optional int32 revisionHistoryLimit = 6 [(keep_zero) = true];
  optional bool paused = 7;
  optional int32 progressDeadlineSeconds = 9 [(keep_zero) = true];
}

message DeploymentCondition {
  optional string type = 1;
  optional string status = 2;
  optional string reason = 4;
  optional string message = 5;
  optional ${T} lastUpdateTime = 6;
  optional ${T} lastTransitionTime = 7;
}

message DeploymentStatus {
  optional int64 observedGeneration = 1;
  optional int32 replicas = 2;
  optional int32 updatedReplicas = 3;
  optional int32 availableReplicas = 4;
  optional int32 unavailableReplicas = 5;
  repeated DeploymentCondition conditions = 6;
  optional int32 readyReplicas = 7;
  optional int32 collisionCount = 8 [(keep_zero) = true];
}

message Deployment {
  optional ${OM} metadata = 1;
  optional DeploymentSpec spec = 2;
  optional DeploymentStatus status = 3;
}
`,
  `
package k8s.io.api.batch.v1;

message JobSpec {
  optional int32 parallelism = 1 [(keep_zero) = true];
  optional int32 completions = 2 [(keep_zero) = true];
  optional int64 activeDeadlineSeconds = 3 [(keep_zero) = true];
  optional ${LS} selector = 4;
  optional bool manualSelector = 5 [(keep_zero) = true];
  optional ${PTS} template = 6;
  optional int32 backoffLimit = 7 [(keep_zero) = true];
  optional int32 ttlSecondsAfterFinished = 8 [(keep_zero) = true];
  optional string completionMode = 9;
  optional bool suspend = 10 [(keep_zero) = true];
  optional int32 backoffLimitPerIndex = 12 [(keep_zero) = true];
  optional int32 maxFailedIndexes = 13 [(keep_zero) = true];
  optional string podReplacementPolicy = 14;
  optional string managedBy = 16;
}

message JobCondition {
  optional string type = 1;
  optional string status = 2;
  optional ${T} lastProbeTime = 3;
  optional ${T} lastTransitionTime = 4;
  optional string reason = 5;
  optional string message = 6;
}

message JobStatus {
  repeated JobCondition conditions = 1;
  optional ${T} startTime = 2;
  optional ${T} completionTime = 3;
  optional int32 active = 4;
  optional int32 succeeded = 5;
  optional int32 failed = 6;
  optional string completedIndexes = 7;
  optional int32 ready = 9 [(keep_zero) = true];
  optional int32 terminating = 11 [(keep_zero) = true];
}

message Job {
  optional ${OM} metadata = 1;
  optional JobSpec spec = 2;
  optional JobStatus status = 3;
}

message JobTemplateSpec {
  optional ${OM} metadata = 1;
  optional JobSpec spec = 2;
}

message CronJobSpec {
  optional string schedule = 1;
  optional int64 startingDeadlineSeconds = 2 [(keep_zero) = true];
  optional string concurrencyPolicy = 3;
  optional bool suspend = 4 [(keep_zero) = true];
  optional JobTemplateSpec jobTemplate = 5;
  optional int32 successfulJobsHistoryLimit = 6 [(keep_zero) = true];
  optional int32 failedJobsHistoryLimit = 7 [(keep_zero) = true];
  optional string timeZone = 8;
}

message CronJobStatus {
  repeated ${CORE}.ObjectReference active = 1;
  optional ${T} lastScheduleTime = 4;
  optional ${T} lastSuccessfulTime = 5;
}

message CronJob {
  optional ${OM} metadata = 1;
  optional CronJobSpec spec = 2;
  optional CronJobStatus status = 3;
}
`,
];
