/**
 * The framework of one profile (upstream's frameworkImpl): its plugins per extension point (plugin-set.ts), the run
 * function of every point with upstream's semantics (filter.ts, score.ts, post-filter.ts, binding.ts), and the
 * Handle the plugins were built with. Extension-point latency goes to scheduler_framework_extension_point_duration
 * _seconds once per point and pod (Filter and Score are timed by the caller around the whole node loop).
 *
 * For tests, build one with `newTestFramework` (runtime/testing.ts) from fake plugins.
 */
import type { Client } from '../../client/interface.js';
import type { SharedInformerFactory, Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { NAMESPACES } from '../../client/resources.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';
import type { KubeSchedulerProfile } from '../config/types.js';
import { ALL_EVENTS } from '../queue/cluster-events.js';
import type { CycleState } from '../framework/cycle-state.js';
import type {
  ClusterEventWithHint,
  EnqueueExtensions,
  Handle,
  NodeInfoLister,
  NodeToStatusMap,
  PodNominator,
  PreEnqueuePlugin,
  QueuedPodInfo,
  Registry,
  WaitingPod,
} from '../framework/interface.js';
import { CODE_NAMES, isSuccess, Status } from '../framework/status.js';
import type { NodeInfo, P, PodInfo } from '../framework/types.js';
import { NOP_METRICS, sinceSeconds, type SchedulerMetrics } from '../metrics.js';
import { runBind, runPermit, runPostBind, runPreBind, runReserve, runUnreserve, waitOnPermit } from './binding.js';
import { runFilterPlugins, runFilterPluginsWithNominatedPods, runPreFilterExtension, runPreFilterPlugins, type PreFilterOutcome } from './filter.js';
import { buildPluginSet, type ExtensionPoints } from './plugin-set.js';
import { runPostFilterPlugins, type PostFilterOutcome } from './post-filter.js';
import { runPreScorePlugins, runScorePlugins, type ScoreOutcome } from './score.js';
import { WaitingPodsMap } from './waiting-pods.js';

export interface FrameworkOptions {
  registry: Registry;
  /** A defaulted profile (config/defaults.ts), or one built by hand with every point present. */
  profile: KubeSchedulerProfile;
  client: Client;
  informers: SharedInformerFactory;
  clock: Clock;
  recorder: EventRecorder;
  logger: Logger;
  /** The scheduler's snapshot, shared by all profiles and updated in place at the start of every cycle. */
  snapshot: NodeInfoLister;
  /** Shared by all profiles of a scheduler; a new one by default. */
  waitingPods?: WaitingPodsMap;
  nominator?: PodNominator;
  parallelism?: number;
  metrics?: SchedulerMetrics;
}

const NO_NOMINATIONS: PodNominator = { nominatedPodsForNode: () => [] };

export class Framework implements Handle {
  readonly profileName: string;
  readonly percentageOfNodesToScore: number | undefined;
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly recorder: EventRecorder;
  readonly logger: Logger;
  readonly parallelism: number;
  readonly waitingPods: WaitingPodsMap;
  readonly points: ExtensionPoints;
  readonly scoreWeights: ReadonlyMap<string, number>;
  private readonly snap: NodeInfoLister;
  private readonly metrics: SchedulerMetrics;
  private readonly enqueueExtensions = new Map<string, EnqueueExtensions>();
  private readonly pluginNames: string[];
  private podNominator: PodNominator;
  private namespaces: Lister | undefined;

  constructor(o: FrameworkOptions) {
    this.profileName = o.profile.schedulerName;
    this.percentageOfNodesToScore = o.profile.percentageOfNodesToScore;
    this.client = o.client;
    this.informers = o.informers;
    this.clock = o.clock;
    this.recorder = o.recorder;
    this.logger = o.logger;
    this.parallelism = o.parallelism ?? 16;
    this.waitingPods = o.waitingPods ?? new WaitingPodsMap();
    this.snap = o.snapshot;
    this.metrics = o.metrics ?? NOP_METRICS;
    this.podNominator = o.nominator ?? NO_NOMINATIONS;
    // Plugins are built last: their factories receive this object as their Handle.
    const set = buildPluginSet(o.registry, o.profile, this);
    this.points = set.points;
    this.scoreWeights = set.scoreWeights;
    this.pluginNames = [...set.plugins.keys()];
    for (const [name, p] of set.plugins) {
      if (typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function') this.enqueueExtensions.set(name, p as unknown as EnqueueExtensions);
    }
  }

  // ---- Handle ----

  snapshot(): NodeInfoLister {
    return this.snap;
  }

  get nominator(): PodNominator {
    return this.podNominator;
  }

  /** The queue is built after the frameworks (it needs their QueueSort): it becomes the nominator here. */
  setPodNominator(n: PodNominator): void {
    this.podNominator = n;
  }

  namespaceLabels(name: string): Readonly<Record<string, string>> | undefined {
    this.namespaces ??= this.informers.informerFor(NAMESPACES).lister;
    const ns = this.namespaces.get('', name);
    return ns ? (ns.metadata?.labels ?? {}) : undefined;
  }

  getWaitingPod(uid: string): WaitingPod | undefined {
    return this.waitingPods.get(uid);
  }

  /** Rejects a pod waiting at Permit (it was deleted); true when it was waiting. */
  rejectWaitingPod(uid: string): boolean {
    const wp = this.waitingPods.get(uid);
    wp?.reject('', 'removed');
    return !!wp;
  }

  runFilterPluginsWithNominatedPods(state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    return runFilterPluginsWithNominatedPods(this.points.filter, this.points.preFilter, this.podNominator, state, pod, nodeInfo);
  }

  runPreFilterExtensionAddPod(state: CycleState, pod: P, podInfoToAdd: PodInfo, nodeInfo: NodeInfo): Status {
    return runPreFilterExtension('addPod', this.points.preFilter, state, pod, podInfoToAdd, nodeInfo);
  }

  runPreFilterExtensionRemovePod(state: CycleState, pod: P, podInfoToRemove: PodInfo, nodeInfo: NodeInfo): Status {
    return runPreFilterExtension('removePod', this.points.preFilter, state, pod, podInfoToRemove, nodeInfo);
  }

  // ---- what the queue needs ----

  queueSortLess(): (a: QueuedPodInfo, b: QueuedPodInfo) => boolean {
    const qs = this.points.queueSort[0]!;
    return (a, b) => qs.less(a, b);
  }

  preEnqueuePlugins(): readonly PreEnqueuePlugin[] {
    return this.points.preEnqueue;
  }

  /**
   * Plugin name → the cluster events (with hints) that may make pods it rejected schedulable. A plugin that does
   * not say (no EnqueueExtensions) is registered for every event, as upstream's defaultEnqueueExtension.
   */
  eventsToRegister(): Map<string, ClusterEventWithHint[]> {
    const out = new Map<string, ClusterEventWithHint[]>();
    for (const name of this.pluginNames) {
      const ext = this.enqueueExtensions.get(name);
      out.set(name, ext ? ext.eventsToRegister() : [{ event: ALL_EVENTS }]);
    }
    return out;
  }

  /** PreEnqueue (upstream's RunPreEnqueuePlugins): the first plugin that does not let the pod in gates it. */
  runPreEnqueuePlugins(pod: P): Status {
    for (const pl of this.points.preEnqueue) {
      let s: Status;
      try {
        s = pl.preEnqueue(pod);
      } catch (e) {
        s = Status.error(e);
      }
      if (!isSuccess(s)) return s.withPlugin(pl.name);
    }
    return Status.SUCCESS;
  }

  hasFilterPlugins(): boolean {
    return this.points.filter.length > 0;
  }

  hasScorePlugins(): boolean {
    return this.points.score.length > 0;
  }

  hasPostFilterPlugins(): boolean {
    return this.points.postFilter.length > 0;
  }

  // ---- run functions ----

  /** Records an extension point's latency (started at `startMs`, a performance.now() reading). */
  observe(point: string, status: Status, startMs: number): void {
    this.metrics.extensionPoint(point, CODE_NAMES[status.code], this.profileName, sinceSeconds(startMs));
  }

  runPreFilterPlugins(state: CycleState, pod: P, nodes: readonly NodeInfo[]): PreFilterOutcome {
    const t = performance.now();
    const out = runPreFilterPlugins(this.points.preFilter, state, pod, nodes);
    this.observe('PreFilter', out.status, t);
    return out;
  }

  runFilterPlugins(state: CycleState, pod: P, nodeInfo: NodeInfo): Status {
    return runFilterPlugins(this.points.filter, state, pod, nodeInfo);
  }

  async runPostFilterPlugins(state: CycleState, pod: P, statuses: NodeToStatusMap): Promise<PostFilterOutcome> {
    const t = performance.now();
    const out = await runPostFilterPlugins(this.points.postFilter, state, pod, statuses);
    this.observe('PostFilter', out.status, t);
    return out;
  }

  runPreScorePlugins(state: CycleState, pod: P, nodes: readonly NodeInfo[]): Status {
    const t = performance.now();
    const s = runPreScorePlugins(this.points.preScore, state, pod, nodes);
    this.observe('PreScore', s, t);
    return s;
  }

  runScorePlugins(state: CycleState, pod: P, nodes: readonly NodeInfo[]): ScoreOutcome {
    const t = performance.now();
    const out = runScorePlugins(this.points.score, this.scoreWeights, state, pod, nodes);
    this.observe('Score', out.status, t);
    return out;
  }

  runReservePluginsReserve(state: CycleState, pod: P, nodeName: string): Status {
    const t = performance.now();
    const s = runReserve(this.points.reserve, state, pod, nodeName);
    this.observe('Reserve', s, t);
    return s;
  }

  runReservePluginsUnreserve(state: CycleState, pod: P, nodeName: string): void {
    runUnreserve(this.points.reserve, state, pod, nodeName, this.logger);
  }

  runPermitPlugins(state: CycleState, pod: P, nodeName: string): Status {
    const t = performance.now();
    const s = runPermit(this.points.permit, state, pod, nodeName, this.waitingPods, this.clock);
    this.observe('Permit', s, t);
    return s;
  }

  waitOnPermit(pod: P): Promise<Status> {
    return waitOnPermit(this.waitingPods, pod);
  }

  async runPreBindPlugins(state: CycleState, pod: P, nodeName: string): Promise<Status> {
    const t = performance.now();
    const s = await runPreBind(this.points.preBind, state, pod, nodeName);
    this.observe('PreBind', s, t);
    return s;
  }

  async runBindPlugins(state: CycleState, pod: P, nodeName: string): Promise<Status> {
    const t = performance.now();
    const s = await runBind(this.points.bind, state, pod, nodeName);
    this.observe('Bind', s, t);
    return s;
  }

  runPostBindPlugins(state: CycleState, pod: P, nodeName: string): void {
    runPostBind(this.points.postBind, state, pod, nodeName, this.logger);
  }
}
