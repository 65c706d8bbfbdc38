/**
 * The Node a kubelet registers and the status it reports (upstream's kubelet_node_status.go and nodestatus
 * setters): capacity/allocatable, addresses, daemon endpoint, nodeInfo, and the four conditions with upstream's
 * reasons and messages. Pure functions of the config, the time and the previous status.
 */
import type { Node, NodeCondition, NodeStatus, Taint } from 'kubernetes-types/core/v1.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import { canonical } from '../equality.js';
import type { NodeConfig } from '../types.js';
import { NO_PRESSURE, type NodePressure } from './pressure.js';
import { KUBELET_VERSION } from './version.js';

declare module '../types.js' {
  interface NodeConfig {
    /**
     * The Node's spec.taints at registration (upstream's --register-with-taints, set in initialNode only: a node
     * that already exists keeps the taints it has, as upstream's tryRegisterWithAPIServer does).
     */
    taints?: Taint[];
  }
}

export { KUBELET_VERSION } from './version.js';

/** Capacity (and, with no reservations, allocatable) of a node unless configured otherwise. */
export const DEFAULT_NODE_CAPACITY: Readonly<Record<string, string>> = Object.freeze({
  cpu: '8',
  memory: '32Gi',
  pods: '110',
  'ephemeral-storage': '100Gi',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
});

export function defaultNodeConfig(name: string, overrides: Partial<Omit<NodeConfig, 'name'>> = {}): NodeConfig {
  return {
    name,
    internalIP: '10.0.0.1',
    hostname: name,
    capacity: { ...DEFAULT_NODE_CAPACITY },
    labels: {},
    kubeletVersion: KUBELET_VERSION,
    osImage: 'k8ts hollow node',
    kernelVersion: '6.1.0-k8ts',
    architecture: 'amd64',
    machineID: stableHex(`machine/${name}`),
    systemUUID: uuidFrom(stableHex(`system/${name}`)),
    bootID: uuidFrom(stableHex(`boot/${name}`)),
    kubeletPort: 10250,
    ...overrides,
  };
}

/** The object POSTed at registration (status included, as upstream's initialNode + setNodeStatus). */
export function initialNode(cfg: NodeConfig, runtimeVersion: string, now: Date, pressure: Readonly<NodePressure> = NO_PRESSURE): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.name,
      labels: {
        'beta.kubernetes.io/arch': cfg.architecture,
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': cfg.architecture,
        'kubernetes.io/hostname': cfg.hostname,
        'kubernetes.io/os': 'linux',
        ...cfg.labels,
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      ...(cfg.podCIDR ? { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR] } : {}),
      ...(cfg.taints?.length ? { taints: cfg.taints.map((t) => ({ ...t })) } : {}),
    },
    status: nodeStatus(cfg, runtimeVersion, now, undefined, pressure),
  };
}

type ConditionRow = [type: string, status: string, reason: string, message: string];

/** The kubelet's four conditions with upstream's reasons and messages; pressure from the probe (none by default). */
function conditionRows(p: Readonly<NodePressure>): ConditionRow[] {
  return [
    p.memory
      ? ['MemoryPressure', 'True', 'KubeletHasInsufficientMemory', 'kubelet has insufficient memory available']
      : ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
    p.disk
      ? ['DiskPressure', 'True', 'KubeletHasDiskPressure', 'kubelet has disk pressure']
      : ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
    p.pid
      ? ['PIDPressure', 'True', 'KubeletHasInsufficientPID', 'kubelet has insufficient PID available']
      : ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
    ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
  ];
}

/**
 * The status to report now. Every condition's lastHeartbeatTime is `now` (upstream's setters); lastTransitionTime
 * is kept from `prev` while the condition's status is unchanged. Conditions of other types in `prev` are kept.
 */
export function nodeStatus(
  cfg: NodeConfig,
  runtimeVersion: string,
  now: Date,
  prev: NodeStatus | undefined,
  pressure: Readonly<NodePressure> = NO_PRESSURE,
): NodeStatus {
  const t = formatRFC3339(now);
  const rows = conditionRows(pressure);
  const own = rows.map(([type, status, reason, message]): NodeCondition => {
    const old = prev?.conditions?.find((c) => c.type === type);
    const lastTransitionTime = old && old.status === status && old.lastTransitionTime ? old.lastTransitionTime : t;
    return { type, status, lastHeartbeatTime: t, lastTransitionTime, reason, message };
  });
  const others = (prev?.conditions ?? []).filter((c) => !rows.some(([type]) => type === c.type));
  return {
    capacity: { ...cfg.capacity },
    allocatable: { ...(cfg.allocatable ?? cfg.capacity) },
    conditions: [...own, ...others],
    addresses: [
      { type: 'InternalIP', address: cfg.internalIP },
      { type: 'Hostname', address: cfg.hostname },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: cfg.kubeletPort } },
    nodeInfo: {
      machineID: cfg.machineID,
      systemUUID: cfg.systemUUID,
      bootID: cfg.bootID,
      kernelVersion: cfg.kernelVersion,
      osImage: cfg.osImage,
      containerRuntimeVersion: runtimeVersion,
      kubeletVersion: cfg.kubeletVersion,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: cfg.architecture,
    },
    images: prev?.images ?? [],
  };
}

/** Upstream's nodeStatusHasChanged: equal but for the conditions' lastHeartbeatTime. */
export function nodeStatusChanged(a: NodeStatus | undefined, b: NodeStatus | undefined): boolean {
  const strip = (s: NodeStatus | undefined) =>
    s && { ...s, conditions: s.conditions?.map(({ lastHeartbeatTime: _h, ...c }) => c) };
  return JSON.stringify(canonical(strip(a))) !== JSON.stringify(canonical(strip(b)));
}

/** 32 hex characters, stable for a seed (FNV-1a, four lanes): ids need only be unique and stable per node. */
function stableHex(seed: string): string {
  let out = '';
  for (let lane = 0; lane < 4; lane++) {
    let h = 0x811c9dc5 ^ lane;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    out += (h >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

const uuidFrom = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
