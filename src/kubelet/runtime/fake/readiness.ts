/**
 * The hollow node's readiness prober: a running container is ready unless the pod says otherwise with
 * `k8ts.io/fake-ready: "false"` (or `k8ts.io/fake-ready.<container>: "false"`; see behavior.ts).
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { ContainerStatus } from '../interface.js';
import { ANNOTATION_READY, containerAnnotation } from './behavior.js';

export const fakeReadinessProber = {
  isReady(pod: Readonly<Pod>, containerName: string, status: Readonly<ContainerStatus>): boolean {
    if (status.state !== 'CONTAINER_RUNNING') return false;
    return containerAnnotation(pod.metadata?.annotations ?? {}, ANNOTATION_READY, containerName, false) !== 'false';
  },
};
