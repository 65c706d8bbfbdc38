/**
 * The pod phase from its container statuses (upstream's getPhase, kubelet_pods.go). A container waiting to restart
 * (it has a terminated lastState) counts as stopped, so a crash-looping pod stays Running. `terminating` is set
 * for a pod being deleted whose containers are all stopped: it ends Succeeded when all exited 0, else Failed.
 */
import type { ContainerStatus, PodSpec } from 'kubernetes-types/core/v1.js';

export function podPhase(
  spec: Readonly<PodSpec>,
  initStatuses: readonly ContainerStatus[],
  statuses: readonly ContainerStatus[],
  terminating: boolean,
): string {
  let pendingInit = 0;
  let failedInit = 0;
  for (const s of initStatuses) {
    const t = s.state?.terminated ?? (s.state?.waiting ? s.lastState?.terminated : undefined);
    if (s.state?.terminated?.exitCode === 0) continue;
    if (t && t.exitCode !== 0) failedInit++;
    else pendingInit++;
  }
  let running = 0, waiting = 0, stopped = 0, succeeded = 0;
  for (const s of statuses) {
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
  }
  const policy = spec.restartPolicy ?? 'Always';
  if (failedInit > 0 && policy === 'Never') return 'Failed';
  if (pendingInit > 0 || failedInit > 0 || waiting > 0) return terminating && running === 0 ? 'Failed' : 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (terminating) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export const isTerminalPhase = (phase: string | undefined): boolean => phase === 'Succeeded' || phase === 'Failed';
