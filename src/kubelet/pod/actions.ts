/**
 * What a sync must do to a live pod (upstream's computePodActions, for the fake-runtime subset): create the sandbox
 * when none is ready; run init containers one at a time, in order, each to success; then start every app container
 * that is missing, and restart exited ones as the restartPolicy says, after the CrashLoopBackOff delay.
 *
 * `killed` names app containers this sync just stopped for a failed liveness/startup probe: they restart unless
 * the policy is Never, whatever their exit code, as upstream restarts them in the same sync (with OnFailure too).
 * (A container killed for a failed postStart hook is judged on a later sync by its exit code, as upstream.)
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { Backoff, goDuration } from './backoff.js';
import { isRunningOrCreated, latestIn, nextAttempt, readySandbox, type PodRuntimeState } from './runtime-state.js';

export interface ContainerToStart {
  spec: Container;
  init: boolean;
  attempt: number;
}

export interface WaitingReason {
  reason: string;
  message: string;
}

export interface PodActions {
  createSandbox: boolean;
  start: ContainerToStart[];
  /** Containers held back, by name (CrashLoopBackOff). */
  waiting: Map<string, WaitingReason>;
  /** When to sync again at the latest (a backoff expiring). */
  requeueAfterMs?: number;
}

export function computePodActions(
  pod: Readonly<Pod>,
  state: PodRuntimeState,
  backoff: Backoff,
  now: number,
  killed: ReadonlySet<string> = new Set(),
): PodActions {
  const a: PodActions = { createSandbox: false, start: [], waiting: new Map() };
  const sandbox = readySandbox(state);
  a.createSandbox = !sandbox;
  const sid = sandbox?.id;
  const restart = (spec: Container, init: boolean, finishedAt: number) => restartWithBackoff(pod, state, backoff, now, a, spec, init, finishedAt);
  for (const spec of pod.spec?.initContainers ?? []) {
    const latest = latestIn(state, spec.name, sid);
    if (!latest) return push(a, state, spec, true);
    if (isRunningOrCreated(latest)) return a;
    if (latest.exitCode === 0) continue;
    if (pod.spec?.restartPolicy !== 'Never') restart(spec, true, latest.finishedAt);
    return a;
  }
  for (const spec of pod.spec?.containers ?? []) {
    const latest = latestIn(state, spec.name, sid);
    if (!latest) push(a, state, spec, false);
    else if (isRunningOrCreated(latest)) continue;
    else if (killed.has(spec.name) ? pod.spec?.restartPolicy !== 'Never' : shouldRestart(pod, latest.exitCode)) restart(spec, false, latest.finishedAt);
  }
  return a;
}

function shouldRestart(pod: Readonly<Pod>, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

function push(a: PodActions, state: PodRuntimeState, spec: Container, init: boolean): PodActions {
  a.start.push({ spec, init, attempt: nextAttempt(state, spec.name) });
  return a;
}

function restartWithBackoff(
  pod: Readonly<Pod>,
  state: PodRuntimeState,
  backoff: Backoff,
  now: number,
  a: PodActions,
  spec: Container,
  init: boolean,
  finishedAt: number,
): void {
  const key = backoffKey(pod, spec.name);
  if (!backoff.isInBackOffSince(key, finishedAt, now)) {
    backoff.next(key, now, finishedAt);
    push(a, state, spec, init);
    return;
  }
  const d = backoff.get(key);
  const m = pod.metadata ?? {};
  a.waiting.set(spec.name, {
    reason: 'CrashLoopBackOff',
    message: `back-off ${goDuration(d)} restarting failed container=${spec.name} pod=${m.name}_${m.namespace}(${m.uid})`,
  });
  const after = finishedAt + d - now;
  a.requeueAfterMs = Math.min(a.requeueAfterMs ?? Infinity, after);
}

export const backoffKey = (pod: Readonly<Pod>, container: string): string => `${pod.metadata?.uid}/${container}`;
