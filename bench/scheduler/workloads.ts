/**
 * The workloads of `npm run bench:scheduler`, in the shapes of upstream's scheduler_perf
 * (test/integration/scheduler_perf/config/performance-config.yaml and its templates): the nodes the benchmark
 * creates as API objects, the initial pods (scheduled before the measurement, as scheduler_perf's createPods
 * without collectMetrics) and the measured pods.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';

export type WorkloadName = 'SchedulingBasic' | 'PodTopologySpread' | 'PodAntiAffinity' | 'Preemption';
export const WORKLOADS: readonly WorkloadName[] = ['SchedulingBasic', 'PodTopologySpread', 'PodAntiAffinity', 'Preemption'];

export interface Sizes {
  nodes: number;
  initial: number;
  measured: number;
}

export interface Workload {
  name: WorkloadName;
  /** Full size (the numbers, else upstream's 5000Nodes / 500Nodes variant) and the --quick smoke size. */
  sizes: Sizes;
  quick: Sizes;
  /** The target in pods/s, when the issue sets one. */
  target?: number;
  /** Namespaces the pods go to (created before anything else). */
  namespaces: { initial: string; measured: string };
  /** PriorityClasses created before the pods (the API server's Priority admission resolves pods' priorities). */
  priorityClasses?: { name: string; value: number }[];
  node(i: number): Node;
  initialPod(i: number): Pod;
  measuredPod(i: number): Pod;
  /** What the pods look like, for the footnote. */
  describe: string;
}

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const ZONES = ['moon-1', 'moon-2', 'moon-3'];

/** scheduler_perf's base node (util.go makeBaseNode): 4 CPU, 32Gi, 110 pods, Ready; no kubelet behind it. */
function node(i: number, zoned: boolean): Node {
  const name = `scheduler-perf-${i}`;
  const resources = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { [HOSTNAME_LABEL]: name, ...(zoned ? { [ZONE_LABEL]: ZONES[i % ZONES.length]! } : {}) } },
    spec: {},
    status: {
      capacity: resources,
      allocatable: resources,
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'scheduler_perf node' }],
    },
  };
}

/** scheduler_perf's pod-default.yaml: one pause container requesting (and limited to) `cpu` and 500Mi. */
function pod(name: string, namespace: string, cpu = '100m'): Pod {
  const resources = { cpu, memory: '500Mi' };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: {
      containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', ports: [{ containerPort: 80 }], resources: { requests: resources, limits: resources } }],
    },
  };
}

const schedulingBasic: Workload = {
  name: 'SchedulingBasic',
  // Upstream's 5000Nodes variant measures 1,000 pods; issue 4 asks for 10,000.
  sizes: { nodes: 5000, initial: 1000, measured: 10000 },
  quick: { nodes: 500, initial: 500, measured: 1000 },
  target: 1000,
  namespaces: { initial: 'sched-0', measured: 'sched-0' },
  node: (i) => node(i, false),
  initialPod: (i) => pod(`init-${i}`, 'sched-0'),
  measuredPod: (i) => pod(`pod-${i}`, 'sched-0'),
  describe: 'pod-default (100m CPU, 500Mi)',
};

const topologySpread: Workload = {
  name: 'PodTopologySpread',
  // Upstream's TopologySpreading/5000Nodes: 5,000 nodes in 3 zones, 5,000 initial pods (pod-default), 2,000 measured.
  sizes: { nodes: 5000, initial: 5000, measured: 2000 },
  quick: { nodes: 500, initial: 1000, measured: 1000 },
  target: 500,
  namespaces: { initial: 'sched-0', measured: 'sched-0' },
  node: (i) => node(i, true),
  initialPod: (i) => pod(`init-${i}`, 'sched-0'),
  measuredPod: (i) => {
    const p = pod(`spread-${i}`, 'sched-0');
    p.metadata!.labels = { color: 'blue' };
    const selector = { matchLabels: { color: 'blue' } };
    p.spec!.topologySpreadConstraints = [
      { maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'DoNotSchedule', labelSelector: selector },
      { maxSkew: 1, topologyKey: HOSTNAME_LABEL, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: selector },
    ];
    return p;
  },
  describe: `measured pods: ${ZONE_LABEL} maxSkew 1 DoNotSchedule + ${HOSTNAME_LABEL} maxSkew 1 ScheduleAnyway (color=blue); initial pods: pod-default`,
};

const antiAffinity: Workload = {
  name: 'PodAntiAffinity',
  // Upstream's SchedulingPodAntiAffinity/5000Nodes: initial pods in sched-0, measured in sched-1, one anti-affinity group.
  sizes: { nodes: 5000, initial: 1000, measured: 1000 },
  quick: { nodes: 500, initial: 100, measured: 400 },
  target: 100,
  namespaces: { initial: 'sched-0', measured: 'sched-1' },
  node: (i) => node(i, false),
  initialPod: (i) => antiAffinityPod(`init-${i}`, 'sched-0'),
  measuredPod: (i) => antiAffinityPod(`anti-${i}`, 'sched-1'),
  describe: `pod-with-pod-anti-affinity: required anti-affinity color=green on ${HOSTNAME_LABEL}, namespaces sched-0 and sched-1`,
};

function antiAffinityPod(name: string, namespace: string): Pod {
  const p = pod(name, namespace);
  p.metadata!.labels = { color: 'green' };
  p.spec!.affinity = {
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { color: 'green' } }, topologyKey: HOSTNAME_LABEL, namespaces: ['sched-0', 'sched-1'] }],
    },
  };
  return p;
}

const preemption: Workload = {
  name: 'Preemption',
  // Upstream's PreemptionBasic/500Nodes: 2,000 low-priority pods of 900m fill 500 nodes (4 each, 3.6 of 4 CPU);
  // each of the 500 high-priority pods (priority 10, 3 CPU) must evict 3 of them.
  sizes: { nodes: 500, initial: 2000, measured: 500 },
  quick: { nodes: 100, initial: 400, measured: 100 },
  namespaces: { initial: 'sched-0', measured: 'sched-0' },
  // scheduler_perf sets spec.priority: 10 on an API server without admission; Priority admission wants a class.
  priorityClasses: [{ name: 'high-priority', value: 10 }],
  node: (i) => node(i, false),
  initialPod: (i) => {
    const p = pod(`low-${i}`, 'sched-0', '900m');
    p.spec!.terminationGracePeriodSeconds = 0;
    return p;
  },
  measuredPod: (i) => {
    const p = pod(`high-${i}`, 'sched-0', '3000m');
    p.spec!.priorityClassName = 'high-priority';
    return p;
  },
  describe: 'pod-low-priority (900m, grace 0, priority 0) then pod-high-priority (3 CPU, PriorityClass high-priority = 10)',
};

export const WORKLOAD_BY_NAME: Record<WorkloadName, Workload> = {
  SchedulingBasic: schedulingBasic,
  PodTopologySpread: topologySpread,
  PodAntiAffinity: antiAffinity,
  Preemption: preemption,
};
