/**
 * The kubelet: registers its Node, keeps its Lease and NodeStatus, and makes the pods bound to it real through a
 * CRI-shaped runtime. It is runtime-agnostic: the hollow node gives it the fake runtime, the real node (issue 5)
 * the containerd CRI client. It reads pods from a PodSource (one shared informer can serve many kubelets) and
 * writes only through the Client.
 *
 * Lifecycle: `start(signal)` resolves once the Node is registered and the loops run; aborting the signal stops
 * every loop and timer (containers are left as they are, as a kubelet restart does).
 */
import { readFile } from 'node:fs/promises';
import type { Logger } from '../machinery/log/logger.js';
import { nopLogger } from '../machinery/log/logger.js';
import { tryParseQuantity } from '../machinery/quantity/quantity.js';
import { LeaseController } from './nodelease/controller.js';
import { defaultNodeConfig } from './nodestatus/node.js';
import { NodeStatusUpdater } from './nodestatus/updater.js';
import { startGenericPLEG } from './pleg/generic.js';
import { parseResolvConf } from './pod/config/dns.js';
import { ProberManager } from './prober/manager.js';
import { createProbeRunner } from './prober/runner.js';
import { PodSyncer } from './pod/sync.js';
import { PodWorkers } from './pod/workers.js';
import type { DNSConfig } from './runtime/interface.js';
import { StatusManager } from './status/manager.js';
import type { KubeletOptions, NodeConfig, PodObject } from './types.js';

export const DEFAULTS = {
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  nodeLeaseDurationSeconds: 40,
  plegRelistPeriodMs: 1_000,
  clusterDNS: ['10.96.0.10'],
  clusterDomain: 'cluster.local',
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
    // Read before anything starts: a configured resolv.conf that cannot be read fails the start.
    const hostDNS = this.o.resolvConf === undefined ? undefined : parseResolvConf(await readFile(this.o.resolvConf, 'utf8'));
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
    this.startPods(signal, runtimeName, hostDNS);
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

  private startPods(signal: AbortSignal, runtimeName: string, hostDNS: DNSConfig | undefined): void {
    const { client, clock, runtime, images, podSource, nodeName } = this.o;
    const allocatable = this.config.allocatable ?? this.config.capacity;
    // The prober manager kicks a pod's worker when a probe result changes what the pod must show or do.
    let workers: PodWorkers | undefined;
    const probes = this.o.prober
      ? undefined
      : new ProberManager({ clock, run: createProbeRunner(runtime, clock), recorder: this.o.recorder, onChange: (uid) => workers?.kick(uid) });
    const syncer = new PodSyncer({
      runtime,
      images,
      clock,
      prober: this.o.prober ?? probes!,
      probes,
      hooks: this.o.hooks,
      recorder: this.o.recorder,
      hostIP: this.config.internalIP,
      podCIDR: this.config.podCIDR,
      runtimeName,
      dns: { clusterDNS: this.o.clusterDNS ?? DEFAULTS.clusterDNS, clusterDomain: this.o.clusterDomain ?? DEFAULTS.clusterDomain, hostDNS },
      allocatable,
      memoryCapacity: tryParseQuantity(this.config.capacity.memory)?.value() ?? 0,
      configSource: this.o.configSource,
      podLogsDir: this.o.podLogsDir,
      podsDir: this.o.podsDir,
      volumes: this.o.volumes,
    });
    const pw = new PodWorkers({ clock, syncer, status: new StatusManager(client), logger: this.logger });
    this.workers = workers = pw;
    const unsubscribe = podSource.subscribe(nodeName, {
      onUpsert: (p) => pw.update(p as PodObject),
      onDelete: (p) => pw.remove(p as PodObject),
    });
    for (const p of podSource.list(nodeName)) pw.update(p as PodObject);
    const unwatch = runtime.subscribeContainerEvents?.((e) => pw.kick(e.podSandboxMetadata.uid));
    if (!unwatch) startGenericPLEG(runtime, clock, this.o.plegRelistPeriodMs ?? DEFAULTS.plegRelistPeriodMs, signal, (uid) => pw.kick(uid));
    signal.addEventListener('abort', () => {
      unsubscribe();
      unwatch?.();
      pw.stop();
      probes?.stop();
    }, { once: true });
  }
}
