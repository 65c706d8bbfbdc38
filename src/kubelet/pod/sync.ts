/**
 * One sync of one pod (upstream's SyncPod / SyncTerminatingPod / SyncTerminatedPod, for the CRI subset the kubelet
 * has): reads the runtime's view of the pod, acts (sandbox, init containers, containers, restarts; or stop
 * everything when the pod is terminal or being deleted), and returns the API status to write. Never holds state
 * across awaits beyond the pod it was given: the pod worker serializes syncs of a pod.
 *
 * A new sandbox: its log directory is created (when the kubelet has a podLogsDir), it is run, and its IPs are read
 * back (a host-network pod has the node's IP). Before containers start, the managed /etc/hosts is (re)written with
 * those IPs (when the kubelet has a podsDir). Containers then start through the ContainerStarter; one held
 * back (image or configuration errors) is reported waiting and the pod is synced again after START_RETRY_MS.
 *
 * Probes (when the kubelet has a prober manager): a running container whose liveness or startup probe failed is
 * killed first (`Container <name> failed liveness probe, will be restarted`, the probe's or the pod's grace) and
 * restarted by the same sync unless the restartPolicy is Never; after each sync the manager is shown the pod's
 * containers, so its workers follow restarts.
 *
 * Termination: a pod being deleted has its containers killed in parallel, each with its preStop hook and the
 * deletion's grace period (lifecycle/kill.ts), then its sandbox stopped; `stopped` then lets the pod worker
 * delete the API object.
 */
import { readFile } from 'node:fs/promises';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { NOP_RECORDER } from '../../client/record/interface.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { podGracePeriod, probeKillGracePeriod } from '../lifecycle/grace.js';
import { createHookRunner, type HookRunner } from '../lifecycle/hooks.js';
import { ContainerKiller } from '../lifecycle/kill.js';
import type { PodProbes } from '../prober/manager.js';
import type { ImageService, PodSandboxStatus, RuntimeService } from '../runtime/interface.js';
import type { ReadinessProber } from '../types.js';
import { computePodActions, type ContainerToStart, type WaitingReason } from './actions.js';
import { Backoff } from './backoff.js';
import type { DNSSettings } from './config/dns.js';
import { hostNetworkHostsFile, managedHostsFile } from './config/hosts-file.js';
import { podHostname } from './config/hostname.js';
import { ImagePuller } from './config/image-pull.js';
import { isHostNetwork } from './config/namespaces.js';
import { buildSandboxConfig } from './config/sandbox-config.js';
import type { PodConfigSource } from './config/source.js';
import { ensureDir, removePodFiles, writeHostsFile } from './files.js';
import { isTerminalPhase } from './phase.js';
import { isRunningOrCreated, podRuntimeState, readySandbox, type PodRuntimeState } from './runtime-state.js';
import { ContainerStarter, NEVER, type PodVolumeManager, type SandboxFacts } from './start.js';
import { generatePodStatus } from './status.js';

/** How soon a pod with a container held back by a start error is synced again (upstream's pod worker backoff). */
export const START_RETRY_MS = 10_000;

export interface PodSyncerOptions {
  runtime: RuntimeService;
  images: ImageService;
  clock: Clock;
  prober: ReadinessProber;
  hostIP: string;
  podCIDR?: string;
  runtimeName: string;
  dns: DNSSettings;
  /** The node's allocatable (unset limits in resourceFieldRefs) and memory capacity in bytes (oomScoreAdj). */
  allocatable: Readonly<Record<string, string>>;
  memoryCapacity: number;
  configSource?: PodConfigSource;
  podLogsDir?: string;
  podsDir?: string;
  /** The node's hosts file, the base of host-network pods' managed /etc/hosts (default /etc/hosts). */
  nodeHostsFile?: string;
  /** The volume manager; without it containers get no volume mounts. */
  volumes?: PodVolumeManager;
  /** The prober manager; without it (hollow nodes) no probe runs and `prober` alone says what is ready. */
  probes?: PodProbes;
  /** Lifecycle hooks (default: run through the runtime, lifecycle/hooks.ts). */
  hooks?: HookRunner;
  recorder?: EventRecorder;
}

export interface SyncResult {
  status: PodStatus;
  /** Sync again after this long (a backoff ends). */
  requeueAfterMs?: number;
  /** Every container and the sandbox are stopped; a deleted pod can now be removed from the API. */
  stopped: boolean;
}

const sandboxIPs = (s: PodSandboxStatus): string[] => (s.network.ip ? [s.network.ip, ...s.network.additionalIps] : []);

export class PodSyncer {
  readonly backoff = new Backoff();
  readonly puller: ImagePuller;
  private readonly starter: ContainerStarter;
  private readonly killer: ContainerKiller;

  constructor(private readonly o: PodSyncerOptions) {
    this.puller = new ImagePuller(o.images, o.clock);
    const hooks = o.hooks ?? createHookRunner(o.runtime, o.clock);
    const recorder = o.recorder ?? NOP_RECORDER;
    this.killer = new ContainerKiller({ runtime: o.runtime, clock: o.clock, hooks, recorder });
    this.starter = new ContainerStarter({
      runtime: o.runtime,
      puller: this.puller,
      configSource: o.configSource,
      hostIPs: [o.hostIP],
      allocatable: o.allocatable,
      memoryCapacity: o.memoryCapacity,
      volumes: o.volumes,
      hooks,
      killer: this.killer,
      recorder,
    });
  }

  /** `signal` aborts when the pod starts terminating mid-sync (the pod worker's cancel): hooks stop waiting. */
  async sync(pod: Readonly<Pod>, signal: AbortSignal = NEVER): Promise<SyncResult> {
    const uid = pod.metadata!.uid!;
    let state = await podRuntimeState(this.o.runtime, uid);
    const deleting = !!pod.metadata?.deletionTimestamp;
    const pre = this.status(pod, state, new Map(), false);
    if (deleting || isTerminalPhase(pre.phase)) {
      // Shown first, so liveness probing ends before the containers' grace periods start.
      this.o.probes?.observe(pod, state, pre);
      if (deleting) await this.killAll(pod, state, pre.podIP ?? '');
      else await this.stopAll(state);
      state = await podRuntimeState(this.o.runtime, uid);
      const status = this.status(pod, state, new Map(), deleting);
      this.o.probes?.observe(pod, state, status);
      return { status, stopped: true };
    }
    const killed = await this.killUnhealthy(pod, state, pre.podIP ?? '');
    if (killed.size > 0) state = await podRuntimeState(this.o.runtime, uid);
    const actions = computePodActions(pod, state, this.backoff, this.o.clock.now().getTime(), killed);
    const volumesWait = await this.setUpVolumes(pod);
    if (volumesWait) {
      for (const c of actions.start) actions.waiting.set(c.spec.name, volumesWait);
      actions.start = [];
      actions.requeueAfterMs = Math.min(actions.requeueAfterMs ?? Infinity, START_RETRY_MS);
    }
    // A ready sandbox with nothing to start (the steady state of every running pod) needs no configuration built.
    if (!volumesWait && (!readySandbox(state) || actions.start.length > 0)) {
      const sandbox = await this.ensureSandbox(pod, state, actions.start);
      const held = await this.starter.startAll(pod, sandbox, actions.start, signal);
      for (const [name, w] of held) actions.waiting.set(name, w);
      if (held.size > 0) actions.requeueAfterMs = Math.min(actions.requeueAfterMs ?? Infinity, START_RETRY_MS);
    }
    state = await podRuntimeState(this.o.runtime, uid);
    const status = this.status(pod, state, actions.waiting, false);
    this.o.probes?.observe(pod, state, status);
    return { status, requeueAfterMs: actions.requeueAfterMs, stopped: false };
  }

  /** The pod is gone from the API: stop and remove everything the runtime has of it, and the kubelet's files. */
  async cleanup(uid: string): Promise<void> {
    const state = await podRuntimeState(this.o.runtime, uid);
    for (const s of state.sandboxes) await this.o.runtime.removePodSandbox(s.id);
    this.backoff.forgetPod(uid);
    this.puller.forgetPod(uid);
    this.o.probes?.forgetPod(uid);
    await this.o.volumes?.tearDown(uid);
    if (this.o.podsDir || this.o.podLogsDir) await removePodFiles(uid, this.o);
  }

  /**
   * Sets the pod's volumes up (again: a later sync refreshes configMap/secret contents); a failure keeps the
   * containers waiting as upstream's "unable to attach or mount volumes" does: ContainerCreating, retried.
   */
  private async setUpVolumes(pod: Readonly<Pod>): Promise<WaitingReason | undefined> {
    if (!this.o.volumes || !pod.spec?.volumes?.length) return undefined;
    try {
      await this.o.volumes.setUp(pod);
      return undefined;
    } catch (e) {
      return { reason: 'ContainerCreating', message: e instanceof Error ? e.message : String(e) };
    }
  }

  /** The ready sandbox, or a new one; with the hosts file written when containers are about to start. */
  private async ensureSandbox(pod: Readonly<Pod>, state: PodRuntimeState, start: readonly ContainerToStart[]): Promise<SandboxFacts> {
    const { runtime, dns, podCIDR, podLogsDir, podsDir } = this.o;
    const ready = readySandbox(state);
    const config = buildSandboxConfig(pod, ready ? ready.metadata.attempt : state.sandboxes.length, { dns, podCIDR, podLogsDir });
    const hostNet = isHostNetwork(pod);
    let facts: SandboxFacts;
    if (ready) facts = { id: ready.id, config, podIPs: hostNet ? [this.o.hostIP] : sandboxIPs(ready) };
    else {
      if (config.logDirectory) await ensureDir(config.logDirectory);
      const id = await runtime.runPodSandbox(config);
      const ips = hostNet ? [this.o.hostIP] : start.length > 0 ? sandboxIPs(await runtime.podSandboxStatus(id)) : [];
      facts = { id, config, podIPs: ips };
    }
    if (podsDir && start.length > 0 && facts.podIPs.length > 0) facts.hostsFile = await this.writeHosts(pod, podsDir, facts.podIPs);
    return facts;
  }

  private async writeHosts(pod: Readonly<Pod>, podsDir: string, podIPs: readonly string[]): Promise<string> {
    const aliases = pod.spec?.hostAliases;
    let content: string;
    if (isHostNetwork(pod)) content = hostNetworkHostsFile(await readFile(this.o.nodeHostsFile ?? '/etc/hosts', 'utf8'), aliases);
    else {
      const h = podHostname(pod, this.o.dns.clusterDomain);
      content = managedHostsFile(podIPs, h.hostname, h.domain, aliases);
    }
    return writeHostsFile(podsDir, pod.metadata!.uid!, content);
  }

  /** Kills the running containers whose liveness or startup probe failed; returns their names. */
  private async killUnhealthy(pod: Readonly<Pod>, state: PodRuntimeState, podIP: string): Promise<Set<string>> {
    const unhealthy = this.o.probes?.unhealthy(pod, state) ?? [];
    const restart = pod.spec?.restartPolicy !== 'Never';
    await Promise.all(unhealthy.map((u) => this.killer.kill({
      pod,
      spec: u.spec,
      containerId: u.containerId,
      podIP,
      graceSeconds: probeKillGracePeriod(pod, u.spec, u.type),
      message: `Container ${u.spec.name} failed ${u.type} probe${restart ? ', will be restarted' : ''}`,
    })));
    return new Set(unhealthy.map((u) => u.spec.name));
  }

  /** A pod being deleted: every live container killed in parallel (preStop, grace), then the sandboxes stopped. */
  private async killAll(pod: Readonly<Pod>, state: PodRuntimeState, podIP: string): Promise<void> {
    const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
    const live = [...state.containers.values()].flat().filter(isRunningOrCreated);
    const grace = podGracePeriod(pod);
    await Promise.all(live.map((c) => this.killer.kill({ pod, spec: specs.find((s) => s.name === c.metadata.name), containerId: c.id, podIP, graceSeconds: grace })));
    await this.stopSandboxes(state);
  }

  /** A pod in a terminal phase: whatever still runs is stopped at once (its containers have all exited). */
  private async stopAll(state: PodRuntimeState): Promise<void> {
    const live = [...state.containers.values()].flat().filter(isRunningOrCreated);
    await Promise.all(live.map((c) => this.o.runtime.stopContainer(c.id, 0)));
    await this.stopSandboxes(state);
  }

  private async stopSandboxes(state: PodRuntimeState): Promise<void> {
    for (const s of state.sandboxes) if (s.state === 'SANDBOX_READY') await this.o.runtime.stopPodSandbox(s.id);
  }

  private status(pod: Readonly<Pod>, state: PodRuntimeState, waiting: ReadonlyMap<string, WaitingReason>, terminating: boolean): PodStatus {
    const { clock, hostIP, runtimeName, prober } = this.o;
    return generatePodStatus(pod, state, { now: clock.now(), hostIP, runtimeName, prober, waiting, terminating });
  }
}

