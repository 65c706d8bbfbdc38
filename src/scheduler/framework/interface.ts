/**
 * The scheduling framework's extension points (upstream's framework/interface.go), the contract between the
 * runtime (src/scheduler/runtime) and the plugins (src/scheduler/plugins/<Name>/, one folder each, registered by
 * their upstream name). Filter and Score are synchronous: they run per node, thousands of times per pod, and must
 * only read the snapshot and the CycleState. Anything that talks to the API (Bind, PreBind, PostFilter's
 * preemption) is asynchronous.
 */
import type { Namespace, Pod } from 'kubernetes-types/core/v1.js';
import type { Client } from '../../client/interface.js';
import type { SharedInformerFactory } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { CycleState } from './cycle-state.js';
import type { Status } from './status.js';
import type { NodeInfo, P, PodInfo } from './types.js';

export interface Plugin {
  /** The upstream plugin name, e.g. "NodeResourcesFit". */
  readonly name: string;
}

/** A pod in the scheduling queue (upstream's QueuedPodInfo). */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** When it entered the queue (ms, scheduler clock); QueueSort breaks priority ties with it. */
  timestamp: number;
  /** Scheduling attempts so far (backoff doubles with each). */
  attempts: number;
  /** First time it was added (pod scheduling latency metrics). */
  initialAttemptTimestamp?: number;
  /** Plugins that rejected it in the last attempt: only events they registered for move it back to activeQ. */
  unschedulablePlugins: Set<string>;
  /** Plugins that returned Pending. */
  pendingPlugins: Set<string>;
  /** A PreEnqueue plugin (e.g. SchedulingGates) keeps it out of activeQ. */
  gated: boolean;
}

export interface PreEnqueuePlugin extends Plugin {
  /** Success lets the pod into activeQ; anything else keeps it in the unschedulable pool. */
  preEnqueue(pod: P): Status;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** PreFilter may narrow the nodes to consider (e.g. nodeName, required node affinity on metadata.name). */
export interface PreFilterResult {
  /** undefined: every node. */
  nodeNames?: Set<string>;
}

/** Incremental updates of PreFilter state when preemption adds or removes pods on a node. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: P, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  removePod(state: CycleState, podToSchedule: P, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status;
}

export interface PreFilterPlugin extends Plugin {
  /** `nodes` is every NodeInfo of the snapshot. Skip makes the runtime skip this plugin's Filter. */
  preFilter(state: CycleState, pod: P, nodes: readonly NodeInfo[]): { result?: PreFilterResult; status: Status };
  preFilterExtensions?(): PreFilterExtensions | undefined;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: P, nodeInfo: NodeInfo): Status;
}

/** Per-node verdicts of a failed attempt (the "0/3 nodes are available: …" message is built from them). */
export type NodeToStatusMap = Map<string, Status>;

export interface PostFilterResult {
  nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** Runs when no node fits (DefaultPreemption). */
  postFilter(state: CycleState, pod: P, filteredNodeStatus: NodeToStatusMap): Promise<{ result?: PostFilterResult; status: Status }>;
}

export interface PreScorePlugin extends Plugin {
  /** `nodes` are the feasible nodes. Skip makes the runtime skip this plugin's Score. */
  preScore(state: CycleState, pod: P, nodes: readonly NodeInfo[]): Status;
}

export interface NodeScore {
  name: string;
  score: number;
}

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface ScoreExtensions {
  /** Rewrites `scores` in place into [MIN_NODE_SCORE, MAX_NODE_SCORE]. */
  normalizeScore(state: CycleState, pod: P, scores: NodeScore[]): Status;
}

export interface ScorePlugin extends Plugin {
  /**
   * Runs once per feasible node (hundreds per pod): a plugin may return the same result object every time
   * (status.ts ScoreResult), so callers read it before the next call and do not keep it.
   */
  score(state: CycleState, pod: P, nodeInfo: NodeInfo): { score: number; status: Status };
  scoreExtensions?(): ScoreExtensions | undefined;
}

export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: P, nodeName: string): Status;
  unreserve(state: CycleState, pod: P, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Wait holds the pod (up to timeoutMs) until the plugin allows or rejects it through the Handle. */
  permit(state: CycleState, pod: P, nodeName: string): { status: Status; timeoutMs: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: P, nodeName: string): Promise<Status>;
}

/** Skip passes the pod to the next Bind plugin. */
export interface BindPlugin extends Plugin {
  bind(state: CycleState, pod: P, nodeName: string): Promise<Status>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: P, nodeName: string): void;
}

/** What changed in the cluster, for requeueing unschedulable pods (upstream's ClusterEvent). */
export type EventResource =
  | 'Pod'
  | 'AssignedPod'
  | 'UnscheduledPod'
  | 'Node'
  | 'PersistentVolume'
  | 'PersistentVolumeClaim'
  | 'StorageClass'
  | 'CSINode'
  | 'Namespace'
  | 'PodDisruptionBudget'
  | 'WildCard';

/** Upstream's ActionType bits. */
export const ActionType = {
  Add: 1,
  Delete: 2,
  UpdateNodeAllocatable: 4,
  UpdateNodeLabel: 8,
  UpdateNodeTaint: 16,
  UpdateNodeCondition: 32,
  UpdateNodeAnnotation: 64,
  UpdatePodLabel: 128,
  UpdatePodScaleDown: 256,
  UpdatePodTolerations: 512,
  UpdatePodSchedulingGatesEliminated: 1024,
  UpdatePodGeneratedResourceClaim: 2048,
  Update: 4 | 8 | 16 | 32 | 64 | 128 | 256 | 512 | 1024 | 2048,
  All: 4095,
} as const;

export interface ClusterEvent {
  resource: EventResource;
  /** A bitwise OR of ActionType values. */
  actionType: number;
  /** For logs and metrics, e.g. "NodeAdd". */
  label?: string;
}

export type QueueingHint = 'Queue' | 'QueueSkip';

export interface ClusterEventWithHint {
  event: ClusterEvent;
  /** Whether this event may make a pod this plugin rejected schedulable; absent = always Queue. */
  queueingHint?(pod: P, oldObj: unknown, newObj: unknown): QueueingHint;
}

/** Plugins that reject pods declare the events that can change their verdict. */
export interface EnqueueExtensions {
  eventsToRegister(): ClusterEventWithHint[];
}

/** Read access to the snapshot taken at the start of a scheduling cycle (upstream's SharedLister). */
export interface NodeInfoLister {
  list(): readonly NodeInfo[];
  /** Nodes that have pods with (anti-)affinity: InterPodAffinity iterates only those. */
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
  /**
   * Optional change tracking (the scheduler's Snapshot has it): a version of the NodeInfos' contents, and the
   * NodeInfos changed since an earlier version (undefined when no longer known). Nodes added or removed replace
   * list(), which callers compare by identity.
   */
  readonly generation?: number;
  changedSince?(generation: number): readonly NodeInfo[] | undefined;
}

/** Nominated pods (preemptors waiting for their victims to go), per node. */
export interface PodNominator {
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** A pod waiting in Permit. */
export interface WaitingPod {
  readonly pod: P;
  allow(pluginName: string): void;
  reject(pluginName: string, msg: string): void;
}

/** What plugins get from the framework (upstream's framework.Handle). */
export interface Handle {
  snapshot(): NodeInfoLister;
  readonly client: Client;
  /** Shared informers (pods, nodes, namespaces, PVCs, PVs, storage classes, PDBs, priority classes …). */
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  readonly logger: Logger;
  readonly nominator: PodNominator;
  /** The namespace objects by name, from the informer cache (namespaceSelector of affinity terms). */
  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined;
  getWaitingPod(uid: string): WaitingPod | undefined;
  /** Runs every Filter plugin of the profile (preemption's what-if), nominated pods of higher priority included. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: P, nodeInfo: NodeInfo): Status;
  /** Runs PreFilter extensions AddPod/RemovePod of every plugin (preemption's what-if). */
  runPreFilterExtensionAddPod(state: CycleState, pod: P, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status;
  runPreFilterExtensionRemovePod(state: CycleState, pod: P, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status;
  /** The profile's parallelism for per-node work (upstream default 16; informative here: one thread). */
  readonly parallelism: number;
}

/** Builds a plugin from its args (from the profile's pluginConfig, already defaulted) and the framework handle. */
export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

/** Plugin name → factory (upstream's in-tree registry). */
export type Registry = Record<string, PluginFactory>;

/** For namespaceSelector checks without the full Namespace type in every plugin. */
export type NamespaceObject = Readonly<Namespace>;
export type PodObject = Readonly<Pod>;
