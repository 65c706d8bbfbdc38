/**
 * The kubelet: registers its Node, keeps its Lease and NodeStatus, and makes the pods bound to it real through a
 * CRI-shaped runtime. It is runtime-agnostic: the hollow node gives it the fake runtime, the real node (issue 5)
 * the containerd CRI client. It reads pods from a PodSource (one shared informer can serve many kubelets) and
 * writes only through the Client.
 *
 * Lifecycle: `start(signal)` resolves once the Node is registered and the loops run; aborting the signal stops
 * every loop and timer (containers are left as they are, as a kubelet restart does).
 */
import type { Logger } from '../machinery/log/logger.js';
import { nopLogger } from '../machinery/log/logger.js';
import { LeaseController } from './nodelease/controller.js';
import { defaultNodeConfig } from './nodestatus/node.js';
import { NodeStatusUpdater } from './nodestatus/updater.js';
import { startGenericPLEG } from './pleg/generic.js';
import { PodSyncer } from './pod/sync.js';
import { PodWorkers } from './pod/workers.js';
import { StatusManager } from './status/manager.js';
import { runningIsReady, type KubeletOptions, type NodeConfig, type PodObject } from './types.js';

export const DEFAULTS = {
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationSeconds: 40,
  plegRelistPeriodMs: 1_000,
};

export class Kubelet {
  readonly config: NodeConfig;
  private readonly logger: Logger;
  private workers?: PodWorkers;
  private nodeUid?: string;

  constructor(private readonly o: KubeletOptions) {
    this.config = defaultNodeConfig(o.nodeName, o.node);
    this.logger = (o.logger ?? nopLogger).child({ component: 'kubelet', node: o.nodeName });
  }

  /** The number of pods the kubelet tracks (for tests and measurements). */
  get podCount(): number {
    return this.workers?.size ?? 0;
  }

  async start(signal: AbortSignal): Promise<void> {
    const { client, clock, runtime } = this.o;
    const v = await runtime.version();
    const runtimeName = v.runtimeName;
    const updater = new NodeStatusUpdater({
      client,
      clock,
      config: this.config,
      runtimeVersion: `${v.runtimeName}://${v.runtimeVersion}`,
      logger: this.logger,
      updateMs: this.o.nodeStatusUpdateFrequencyMs ?? DEFAULTS.nodeStatusUpdateFrequencyMs,
      reportMs: this.o.nodeStatusReportFrequencyMs ?? DEFAULTS.nodeStatusReportFrequencyMs,
      nodeLister: this.o.nodeLister,
    });
    const node = await updater.register(signal);
    if (!node || signal.aborted) return;
    this.nodeUid = node.metadata?.uid;
    updater.start(signal);
    this.startLease(signal);
    this.startPods(signal, runtimeName);
  }

  private startLease(signal: AbortSignal): void {
    new LeaseController({
      client: this.o.client,
      clock: this.o.clock,
      nodeName: this.o.nodeName,
      leaseDurationSeconds: this.o.nodeLeaseDurationSeconds ?? DEFAULTS.nodeLeaseDurationSeconds,
      logger: this.logger,
      nodeUid: () => this.nodeUid,
    }).start(signal);
  }

  private startPods(signal: AbortSignal, runtimeName: string): void {
    const { client, clock, runtime, images, podSource, nodeName } = this.o;
    const syncer = new PodSyncer({
      runtime,
      images,
      clock,
      prober: this.o.prober ?? runningIsReady,
      hostIP: this.config.internalIP,
      podCIDR: this.config.podCIDR,
      runtimeName,
    });
    const workers = new PodWorkers({ clock, syncer, status: new StatusManager(client), logger: this.logger });
    this.workers = workers;
    const unsubscribe = podSource.subscribe(nodeName, {
      onUpsert: (p) => workers.update(p as PodObject),
      onDelete: (p) => workers.remove(p as PodObject),
    });
    for (const p of podSource.list(nodeName)) workers.update(p as PodObject);
    const unwatch = runtime.subscribeContainerEvents?.((e) => workers.kick(e.podSandboxMetadata.uid));
    if (!unwatch) startGenericPLEG(runtime, clock, this.o.plegRelistPeriodMs ?? DEFAULTS.plegRelistPeriodMs, signal, (uid) => workers.kick(uid));
    signal.addEventListener('abort', () => {
      unsubscribe();
      unwatch?.();
      workers.stop();
    }, { once: true });
  }
}
