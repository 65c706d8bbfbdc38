/**
 * OpenAPI descriptions of the apps/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'ControllerRevision.revision':
    'Revision indicates the revision of the state represented by Data.',
  'DaemonSetSpec.selector':
    'A label query over pods that are managed by the daemon set. Must match in order to be controlled. It ' +
    'must match the pod template\'s labels. More info: ' +
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  'DaemonSetStatus.currentNumberScheduled':
    'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. ' +
    'More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  'DaemonSetStatus.desiredNumberScheduled':
    'The total number of nodes that should be running the daemon pod (including nodes correctly running ' +
    'the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  'DaemonSetStatus.numberAvailable':
    'The number of nodes that should be running the daemon pod and have one or more of the daemon pod ' +
    'running and available (ready for at least spec.minReadySeconds)',
  'DaemonSetStatus.numberReady':
    'numberReady is the number of nodes that should be running the daemon pod and have one or more of the ' +
    'daemon pod running with a Ready Condition.',
  'DaemonSetStatus.updatedNumberScheduled':
    'The total number of nodes that are running updated daemon pod',
  'DeploymentSpec.selector':
    'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones ' +
    'affected by this deployment. It must match the pod template\'s labels.',
  'DeploymentStatus.availableReplicas':
    'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
  'DeploymentStatus.updatedReplicas':
    'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
  'PodSpec.nodeSelector':
    'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must ' +
    'match a node\'s labels for the pod to be scheduled on that node. More info: ' +
    'https://kubernetes.io/docs/concepts/configuration/assign-pod-node/',
  'ReplicaSetSpec.replicas':
    'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero ' +
    'and unspecified. Defaults to 1. More info: ' +
    'https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicatio' +
    'ncontroller',
  'ReplicaSetSpec.selector':
    'Selector is a label query over pods that should match the replica count. Label keys and values that ' +
    'must match in order to be controlled by this replica set. It must match the pod template\'s labels. ' +
    'More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  'ReplicaSetStatus.readyReplicas':
    'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.',
  'ReplicaSetStatus.replicas':
    'Replicas is the most recently observed number of replicas. More info: ' +
    'https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicatio' +
    'ncontroller',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
