/**
 * One sync of one pod (upstream's SyncPod / SyncTerminatingPod / SyncTerminatedPod, for the CRI subset the kubelet
 * has): reads the runtime's view of the pod, acts (sandbox, init containers, containers, restarts; or stop
 * everything when the pod is terminal or being deleted), and returns the API status to write. Never holds state
 * across awaits beyond the pod it was given: the pod worker serializes syncs of a pod.
 */
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import type { Clock } from '../../machinery/clock/clock.js';
import {
  ANNOTATION_INIT_CONTAINER,
  LABEL_CONTAINER_NAME,
  LABEL_POD_NAME,
  LABEL_POD_NAMESPACE,
  LABEL_POD_UID,
  type ImageService,
  type PodSandboxConfig,
  type RuntimeService,
} from '../runtime/interface.js';
import type { ReadinessProber } from '../types.js';
import { computePodActions, type ContainerToStart, type WaitingReason } from './actions.js';
import { Backoff } from './backoff.js';
import { isTerminalPhase } from './phase.js';
import { isRunningOrCreated, podRuntimeState, readySandbox, type PodRuntimeState } from './runtime-state.js';
import { generatePodStatus } from './status.js';

export interface PodSyncerOptions {
  runtime: RuntimeService;
  images: ImageService;
  clock: Clock;
  prober: ReadinessProber;
  hostIP: string;
  podCIDR?: string;
  runtimeName: string;
}

export interface SyncResult {
  status: PodStatus;
  /** Sync again after this long (a backoff ends). */
  requeueAfterMs?: number;
  /** Every container and the sandbox are stopped; a deleted pod can now be removed from the API. */
  stopped: boolean;
}

export class PodSyncer {
  readonly backoff = new Backoff();

  constructor(private readonly o: PodSyncerOptions) {}

  async sync(pod: Readonly<Pod>): Promise<SyncResult> {
    const uid = pod.metadata!.uid!;
    let state = await podRuntimeState(this.o.runtime, uid);
    const deleting = !!pod.metadata?.deletionTimestamp;
    const pre = this.status(pod, state, new Map(), false);
    if (deleting || isTerminalPhase(pre.phase)) {
      await this.stopAll(state, deleting ? gracePeriod(pod) : 0);
      state = await podRuntimeState(this.o.runtime, uid);
      return { status: this.status(pod, state, new Map(), deleting), stopped: true };
    }
    const actions = computePodActions(pod, state, this.backoff, this.o.clock.now().getTime());
    const ready = readySandbox(state);
    const sandboxConfig = this.sandboxConfig(pod, ready ? ready.metadata.attempt : state.sandboxes.length);
    const sandboxId = ready?.id ?? (await this.o.runtime.runPodSandbox(sandboxConfig));
    for (const c of actions.start) await this.startContainer(pod, sandboxId, sandboxConfig, c);
    state = await podRuntimeState(this.o.runtime, uid);
    return { status: this.status(pod, state, actions.waiting, false), requeueAfterMs: actions.requeueAfterMs, stopped: false };
  }

  /** The pod is gone from the API: stop and remove everything the runtime has of it. */
  async cleanup(uid: string): Promise<void> {
    const state = await podRuntimeState(this.o.runtime, uid);
    for (const s of state.sandboxes) await this.o.runtime.removePodSandbox(s.id);
    this.backoff.forgetPod(uid);
  }

  private async stopAll(state: PodRuntimeState, graceSeconds: number): Promise<void> {
    const live = [...state.containers.values()].flat().filter(isRunningOrCreated);
    await Promise.all(live.map((c) => this.o.runtime.stopContainer(c.id, graceSeconds)));
    for (const s of state.sandboxes) if (s.state === 'SANDBOX_READY') await this.o.runtime.stopPodSandbox(s.id);
  }

  private status(pod: Readonly<Pod>, state: PodRuntimeState, waiting: ReadonlyMap<string, WaitingReason>, terminating: boolean): PodStatus {
    const { clock, hostIP, runtimeName, prober } = this.o;
    return generatePodStatus(pod, state, { now: clock.now(), hostIP, runtimeName, prober, waiting, terminating });
  }

  private async startContainer(pod: Readonly<Pod>, sandboxId: string, sandboxConfig: PodSandboxConfig, c: ContainerToStart): Promise<void> {
    const { runtime, images } = this.o;
    await images.pullImage({ image: c.spec.image ?? '' }, sandboxConfig);
    const id = await runtime.createContainer(
      sandboxId,
      {
        metadata: { name: c.spec.name, attempt: c.attempt },
        image: { image: c.spec.image ?? '' },
        command: c.spec.command ?? [],
        args: c.spec.args ?? [],
        workingDir: c.spec.workingDir,
        envs: (c.spec.env ?? []).filter((e) => e.value !== undefined).map((e) => ({ key: e.name, value: e.value! })),
        labels: { ...podLabels(pod), [LABEL_CONTAINER_NAME]: c.spec.name },
        annotations: c.init ? { [ANNOTATION_INIT_CONTAINER]: 'true' } : {},
      },
      sandboxConfig,
    );
    await runtime.startContainer(id);
  }

  private sandboxConfig(pod: Readonly<Pod>, attempt: number): PodSandboxConfig {
    const m = pod.metadata!;
    return {
      metadata: { name: m.name!, uid: m.uid!, namespace: m.namespace!, attempt },
      hostname: pod.spec?.hostname ?? m.name,
      labels: { ...m.labels, ...podLabels(pod) },
      annotations: { ...m.annotations },
      podCidr: this.o.podCIDR,
    };
  }
}

const podLabels = (pod: Readonly<Pod>): Record<string, string> => ({
  [LABEL_POD_NAME]: pod.metadata!.name!,
  [LABEL_POD_NAMESPACE]: pod.metadata!.namespace!,
  [LABEL_POD_UID]: pod.metadata!.uid!,
});

/** The grace of a deletion: the pod's deletionGracePeriodSeconds, else its spec's, else 30 s. */
export const gracePeriod = (pod: Readonly<Pod>): number =>
  pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
