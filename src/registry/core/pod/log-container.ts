/**
 * Which container `pods/log` reads, and whether it has anything to read — checked on the API server with the pod
 * object, as upstream splits it between the API server (container defaulting and validity, pod LogLocation) and
 * the kubelet (validateContainerLogStatus: waiting / previous), with upstream's messages:
 *  - no container given: the only container; else the `kubectl.kubernetes.io/default-container` annotation; else
 *    400 `a container name must be specified for pod p, choose one of: [a b]`;
 *  - unknown: 400 `container x is not valid for pod p`;
 *  - waiting with no earlier run: 400 `container "x" in pod "p" is waiting to start: <reason>`;
 *  - previous without a terminated earlier run: 400 `previous terminated container "x" in pod "p" not found`.
 */
import type { Pod, ContainerStatus } from 'kubernetes-types/core/v1.js';
import { newBadRequest } from '../../../machinery/errors/status.js';

export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

const names = (xs: Array<{ name: string }> | undefined): string[] => (xs ?? []).map((c) => c.name);

export function logContainerName(pod: Pod, requested: string | undefined): string {
  const podName = pod.metadata?.name ?? '';
  const containers = names(pod.spec?.containers);
  const init = names(pod.spec?.initContainers);
  const ephemeral = names(pod.spec?.ephemeralContainers as Array<{ name: string }> | undefined);
  if (!requested) {
    if (containers.length === 1) return containers[0]!;
    const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
    if (annotated && containers.includes(annotated)) return annotated;
    let msg = `a container name must be specified for pod ${podName}, choose one of: [${containers.join(' ')}]`;
    if (init.length) msg += ` or one of the init containers: [${init.join(' ')}]`;
    if (ephemeral.length) msg += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
    throw newBadRequest(msg);
  }
  if (![...containers, ...init, ...ephemeral].includes(requested)) throw newBadRequest(`container ${requested} is not valid for pod ${podName}`);
  return requested;
}

function statusOf(pod: Pod, container: string): ContainerStatus | undefined {
  const st = pod.status;
  return [...(st?.containerStatuses ?? []), ...(st?.initContainerStatuses ?? []), ...(st?.ephemeralContainerStatuses ?? [])].find((s) => s.name === container);
}

/** Throws the 400 the kubelet would answer when the container has no log to show yet (or no previous one). */
export function checkLogStatus(pod: Pod, container: string, previous: boolean): void {
  const podName = pod.metadata?.name ?? '';
  const st = statusOf(pod, container);
  if (!st) throw newBadRequest(`container "${container}" in pod "${podName}" is not available`);
  const lastTerminated = st.lastState?.terminated;
  if (previous) {
    if (!lastTerminated?.containerID) throw newBadRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    return;
  }
  const waiting = st.state?.waiting;
  if (waiting && !lastTerminated?.containerID) throw newBadRequest(`container "${container}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}`);
}
