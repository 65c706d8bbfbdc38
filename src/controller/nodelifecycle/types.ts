/** The node lifecycle controller's object types, names and defaults (upstream's values). */
import type { Lease } from 'kubernetes-types/coordination/v1.js';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1.js';

export type NodeObject = Node;
export type PodObject = Pod;
export type LeaseObject = Lease;
export type { NodeCondition, Taint };

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** --node-monitor-period, --node-monitor-grace-period and --node-startup-grace-period defaults. */
export const NODE_MONITOR_PERIOD_MS = 5_000;
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const NODE_STARTUP_GRACE_PERIOD_MS = 60_000;

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NODE_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_NODE_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_NODE_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NODE_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

/** The conditions set to Unknown when the kubelet goes silent (NetworkUnavailable belongs to the network plugin). */
export const MONITORED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

export const REASON_STATUS_UNKNOWN = 'NodeStatusUnknown';
export const MESSAGE_STATUS_UNKNOWN = 'Kubelet stopped posting node status.';
export const REASON_NEVER_UPDATED = 'NodeStatusNeverUpdated';
export const MESSAGE_NEVER_UPDATED = 'Kubelet never posted node status.';

/** Event reasons. */
export const EVENT_NODE_NOT_READY = 'NodeNotReady';
export const EVENT_REGISTERED_NODE = 'RegisteredNode';
export const EVENT_REMOVING_NODE = 'RemovingNode';
export const EVENT_TAINT_MANAGER_EVICTION = 'TaintManagerEviction';

/** metav1.Time text (seconds precision). */
export const timeString = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function nodeCondition(node: Readonly<Node>, type: string): Readonly<NodeCondition> | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}
