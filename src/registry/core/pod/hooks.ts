/**
 * Pods are deleted gracefully, as upstream: a pod bound to a node keeps running for its grace period
 * (deletionTimestamp = now + grace) so that its kubelet can stop it; an unbound or finished pod, or grace 0,
 * goes at once.
 */
import type { KObject, ResourceHooks } from '../../../apiserver/registry/resource.js';

export const DEFAULT_GRACE_SECONDS = 30;

export function podGracePeriod(pod: KObject, requested: number | undefined): number {
  if (!pod.spec?.nodeName) return 0;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = requested ?? pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS;
  // A negative grace period means "use the default" (kubectl --grace-period=-1).
  return grace < 0 ? (pod.spec?.terminationGracePeriodSeconds ?? DEFAULT_GRACE_SECONDS) : grace;
}

export const podHooks: ResourceHooks = { gracePeriod: podGracePeriod };
