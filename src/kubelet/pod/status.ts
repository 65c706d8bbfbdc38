/**
 * The API status of a pod from what the runtime reports (upstream's generateAPIPodStatus and
 * convertToAPIContainerStatuses): container states with lastState, ready/started/restartCount/image/imageID/
 * containerID, phase, conditions, pod and host IPs, startTime; qosClass and foreign conditions are kept.
 */
import type { Container, ContainerState, ContainerStatus, Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import type { ContainerStatus as RuntimeContainerStatus } from '../runtime/interface.js';
import type { ReadinessProber } from '../types.js';
import type { WaitingReason } from './actions.js';
import { podConditions } from './conditions.js';
import { isTerminalPhase, podPhase } from './phase.js';
import { readySandbox, type PodRuntimeState } from './runtime-state.js';

export interface StatusContext {
  now: Date;
  hostIP: string;
  runtimeName: string;
  prober: ReadinessProber;
  /** Reasons for containers held back by this sync (CrashLoopBackOff, image and configuration errors). */
  waiting: ReadonlyMap<string, WaitingReason>;
  /** The pod is being deleted and its containers are stopped (phase becomes terminal). */
  terminating: boolean;
}

/**
 * The status fields the kubelet writes (with its KUBELET_CONDITIONS). The others that generatePodStatus fills
 * (qosClass, nominatedNodeName, resize, message, reason, conditions of other writers) are carried over from the
 * cached pod; the status manager never patches them, so a stale cache cannot revert another writer's value.
 */
export const KUBELET_STATUS_FIELDS = [
  'phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime',
  'initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses',
] as const satisfies readonly (keyof PodStatus)[];

export function generatePodStatus(pod: Readonly<Pod>, state: PodRuntimeState, ctx: StatusContext): PodStatus {
  const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
  const conv = (specs: readonly Container[] | undefined) =>
    (specs ?? []).map((c) => containerStatus(pod, c, state, ctx, hasInit));
  const initStatuses = conv(pod.spec?.initContainers);
  const statuses = conv(pod.spec?.containers);
  const old = pod.status ?? {};
  let phase = podPhase(pod.spec ?? { containers: [] }, initStatuses, statuses, ctx.terminating);
  if (isTerminalPhase(old.phase)) phase = old.phase!;
  const sandbox = readySandbox(state);
  // A host-network pod has the node's IPs (its sandbox has none); a ready sandbox is all it needs to start containers.
  const hostNet = pod.spec?.hostNetwork === true;
  const ips = hostNet ? [ctx.hostIP] : sandbox?.network.ip ? [sandbox.network.ip, ...sandbox.network.additionalIps] : [];
  const podIPs = ips.length > 0 ? ips.map((ip) => ({ ip })) : old.podIPs;
  const sandboxReady = hostNet ? !!sandbox : !!sandbox?.network.ip;
  const now = formatRFC3339(ctx.now);
  const status: PodStatus = {
    phase,
    conditions: podConditions(pod, { phase, sandboxReady, initStatuses, statuses }, now),
    hostIP: ctx.hostIP,
    hostIPs: [{ ip: ctx.hostIP }],
    podIP: podIPs?.[0]?.ip,
    podIPs,
    startTime: old.startTime ?? now,
    containerStatuses: statuses,
    qosClass: old.qosClass,
  };
  if (hasInit) status.initContainerStatuses = initStatuses;
  for (const k of ['nominatedNodeName', 'resize', 'message', 'reason'] as const) if (old[k] !== undefined) status[k] = old[k];
  return status;
}

function containerStatus(
  pod: Readonly<Pod>,
  spec: Container,
  state: PodRuntimeState,
  ctx: StatusContext,
  hasInit: boolean,
): ContainerStatus {
  const [latest, previous] = state.containers.get(spec.name) ?? [];
  const base = { name: spec.name, image: spec.image ?? '', imageID: '', restartCount: latest?.metadata.attempt ?? 0 };
  const held = ctx.waiting.get(spec.name);
  if (!latest) {
    const waiting = held ? { ...held } : { reason: hasInit ? 'PodInitializing' : 'ContainerCreating' };
    return { ...base, state: { waiting }, ready: false, started: false };
  }
  const id = `${ctx.runtimeName}://${latest.id}`;
  const running = latest.state === 'CONTAINER_RUNNING';
  const out: ContainerStatus = {
    ...base,
    image: latest.image.image,
    imageID: latest.imageRef,
    containerID: id,
    state: held ? { waiting: { ...held } } : apiState(latest, id),
    ready: !held && running && ctx.prober.isReady(pod, spec.name, latest),
    started: !held && running && (ctx.prober.isStarted?.(pod, spec.name, latest) ?? true),
  };
  const last = held ? latest : previous;
  if (last?.state === 'CONTAINER_EXITED') out.lastState = apiState(last, `${ctx.runtimeName}://${last.id}`);
  return out;
}

function apiState(c: RuntimeContainerStatus, containerID: string): ContainerState {
  const t = (ms: number) => formatRFC3339(new Date(ms));
  switch (c.state) {
    case 'CONTAINER_RUNNING':
      return { running: { startedAt: t(c.startedAt) } };
    case 'CONTAINER_EXITED':
      return {
        terminated: {
          exitCode: c.exitCode,
          reason: c.reason || (c.exitCode === 0 ? 'Completed' : 'Error'),
          ...(c.message ? { message: c.message } : {}),
          startedAt: c.startedAt ? t(c.startedAt) : undefined,
          finishedAt: t(c.finishedAt),
          containerID,
        },
      };
    case 'CONTAINER_CREATED':
      return { waiting: { reason: 'ContainerCreating' } };
    default:
      return { waiting: { reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' } };
  }
}
