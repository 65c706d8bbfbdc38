/**
 * Starting the containers of one sync (upstream's startContainer): for each, make sure its image is present,
 * build its configuration, create its log directory, create and start it. A failing step holds the container back
 * with the waiting reason upstream reports (ErrImagePull, ImagePullBackOff, ErrImageNeverPull,
 * CreateContainerConfigError, CreateContainerError, RunContainerError) instead of failing the sync, so the other
 * containers still start; the held container is tried again on a later sync.
 *
 * A started container with a postStart hook runs it before the next container starts (the sync waits, so the
 * status does not show the container running before its hook is done, as upstream). A failed hook is a
 * `Warning FailedPostStartHook` event with upstream's message; the container is then killed (preStop and grace
 * as any kill) and reported waiting with PostStartHookError; restartPolicy and CrashLoopBackOff take it from there.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { join } from 'node:path';
import type { EventRecorder } from '../../client/record/interface.js';
import { podGracePeriod } from '../lifecycle/grace.js';
import type { HookRunner } from '../lifecycle/hooks.js';
import type { ContainerKiller } from '../lifecycle/kill.js';
import type { ContainerConfig, Mount, PodSandboxConfig, RuntimeService } from '../runtime/interface.js';
import type { ContainerToStart, WaitingReason } from './actions.js';
import { buildContainerConfig } from './config/container-config.js';
import type { EnvContext } from './config/env.js';
import type { ImagePuller } from './config/image-pull.js';
import { podServiceEnv } from './config/service-env.js';
import { ContainerStartError, type PodConfigSource } from './config/source.js';
import { ensureDir } from './files.js';

export interface StarterOptions {
  runtime: RuntimeService;
  puller: ImagePuller;
  configSource?: PodConfigSource;
  hostIPs: readonly string[];
  allocatable: Readonly<Record<string, string>>;
  memoryCapacity: number;
  volumes?: PodVolumeManager;
  hooks: HookRunner;
  killer: ContainerKiller;
  recorder: EventRecorder;
}

/** A signal that never aborts: a sync nobody cancels. */
export const NEVER: AbortSignal = new AbortController().signal;

/**
 * The kubelet's volume manager as the pod sync uses it (src/kubelet/volume implements it; cmd wires it).
 * Contract: `setUp` runs before any container of the pod is created and again on later syncs (it refreshes
 * configMap/secret contents; a rejection keeps the pod's containers waiting, ContainerCreating, and the sync is
 * retried); `mounts` gives one container's volumeMounts as CRI mounts, `env` being its resolved environment (for
 * subPathExpr), and its rejection is the container's CreateContainerConfigError, as upstream's makeMounts errors;
 * `tearDown` removes everything set up for a pod that is gone (after its containers and sandbox).
 */
export interface PodVolumeManager {
  setUp(pod: Readonly<Pod>): Promise<void>;
  mounts(pod: Readonly<Pod>, container: Readonly<Container>, env: ReadonlyMap<string, string>): Promise<Mount[]>;
  tearDown(uid: string): Promise<void>;
}

/** What one sync knows of the pod's sandbox when it starts containers. */
export interface SandboxFacts {
  id: string;
  config: PodSandboxConfig;
  podIPs: readonly string[];
  /** The managed hosts file to mount, when the kubelet wrote one. */
  hostsFile?: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class ContainerStarter {
  constructor(private readonly o: StarterOptions) {}

  /**
   * Starts the containers in order; returns the ones held back, by name. `signal` aborts when the pod starts
   * terminating: a postStart hook still running is abandoned (it has no deadline of its own, as upstream).
   */
  async startAll(pod: Readonly<Pod>, sandbox: SandboxFacts, list: readonly ContainerToStart[], signal: AbortSignal = NEVER): Promise<Map<string, WaitingReason>> {
    const held = new Map<string, WaitingReason>();
    if (list.length === 0) return held;
    let serviceEnv: Promise<Map<string, string>> | undefined;
    const env = async (): Promise<EnvContext> => {
      const { configSource: source, hostIPs, allocatable } = this.o;
      serviceEnv ??= source ? podServiceEnv(source, pod.metadata?.namespace ?? '', pod.spec?.enableServiceLinks ?? true) : Promise.resolve(new Map());
      return { source, hostIPs, allocatable, podIPs: sandbox.podIPs, serviceEnv: await serviceEnv };
    };
    for (const c of list) {
      const w = await this.start(pod, sandbox, c, env, signal);
      if (w) held.set(c.spec.name, w);
    }
    return held;
  }

  private async start(
    pod: Readonly<Pod>,
    sandbox: SandboxFacts,
    c: ContainerToStart,
    env: () => Promise<EnvContext>,
    signal: AbortSignal,
  ): Promise<WaitingReason | undefined> {
    try {
      await this.o.puller.ensure(pod, c.spec, sandbox.config);
    } catch (e) {
      if (e instanceof ContainerStartError) return { reason: e.reason, message: e.message };
      throw e;
    }
    const logDir = sandbox.config.logDirectory;
    let config: ContainerConfig;
    try {
      config = await buildContainerConfig(pod, c.spec, {
        env: await env(),
        attempt: c.attempt,
        init: c.init,
        logs: !!logDir,
        hostsFile: sandbox.hostsFile,
        ...(this.o.volumes ? { volumeMounts: (env: ReadonlyMap<string, string>) => this.o.volumes!.mounts(pod, c.spec, env) } : {}),
        memoryCapacity: this.o.memoryCapacity,
      });
    } catch (e) {
      return { reason: 'CreateContainerConfigError', message: message(e) };
    }
    if (logDir) await ensureDir(join(logDir, c.spec.name));
    let id: string;
    try {
      id = await this.o.runtime.createContainer(sandbox.id, config, sandbox.config);
    } catch (e) {
      return { reason: 'CreateContainerError', message: message(e) };
    }
    try {
      await this.o.runtime.startContainer(id);
    } catch (e) {
      return { reason: 'RunContainerError', message: message(e) };
    }
    return this.postStart(pod, sandbox, c.spec, id, signal);
  }

  private async postStart(pod: Readonly<Pod>, sandbox: SandboxFacts, spec: Container, id: string, signal: AbortSignal): Promise<WaitingReason | undefined> {
    const hook = spec.lifecycle?.postStart;
    if (!hook) return undefined;
    const podIP = sandbox.podIPs[0] ?? '';
    const failed = await this.o.hooks.run(hook, { pod, container: spec, containerId: id, podIP }, signal);
    if (!failed) return undefined;
    this.o.recorder.event(pod, 'Warning', 'FailedPostStartHook', failed);
    await this.o.killer.kill({ pod, spec, containerId: id, podIP, graceSeconds: podGracePeriod(pod), message: 'FailedPostStartHook' });
    return { reason: 'PostStartHookError', message: failed };
  }
}
