/**
 * The grace period of stopping a pod's container (upstream's setTerminationGracePeriod): the deletion's
 * (metadata.deletionGracePeriodSeconds), else the pod's spec.terminationGracePeriodSeconds, else 30 s; a kill for a
 * failed liveness or startup probe uses the probe's own terminationGracePeriodSeconds when it sets one.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';

export const DEFAULT_TERMINATION_GRACE_SECONDS = 30;

export function podGracePeriod(pod: Readonly<Pod>): number {
  return pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_SECONDS;
}

export function probeKillGracePeriod(pod: Readonly<Pod>, spec: Readonly<Container>, type: 'liveness' | 'startup'): number {
  const probe = type === 'liveness' ? spec.livenessProbe : spec.startupProbe;
  if (pod.metadata?.deletionGracePeriodSeconds === undefined && probe?.terminationGracePeriodSeconds !== undefined) {
    return probe.terminationGracePeriodSeconds;
  }
  return podGracePeriod(pod);
}
