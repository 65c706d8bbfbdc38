/**
 * Taints and tolerations (upstream's v1 helper ToleratesTaint / FindMatchingUntoleratedTaint) and the tolerations
 * every daemon pod gets (upstream's AddOrUpdateDaemonPodTolerations): daemons keep running on nodes that are not
 * ready or unreachable (NoExecute, without tolerationSeconds) and are placed despite pressure and cordoning
 * (NoSchedule); host-network daemons also tolerate network-unavailable.
 */
import type { PodSpec, Taint, Toleration } from 'kubernetes-types/core/v1.js';

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export function toleratesTaint(t: Readonly<Toleration>, taint: Readonly<Taint>): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

/** The first taint passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  return taints.find((taint) => filter(taint) && !tolerations.some((t) => toleratesTaint(t, taint)));
}

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect });

export function daemonPodTolerations(hostNetwork: boolean): Toleration[] {
  const out = [
    exists(TAINT_NOT_READY, 'NoExecute'),
    exists(TAINT_UNREACHABLE, 'NoExecute'),
    exists(TAINT_DISK_PRESSURE, 'NoSchedule'),
    exists(TAINT_MEMORY_PRESSURE, 'NoSchedule'),
    exists(TAINT_PID_PRESSURE, 'NoSchedule'),
    exists(TAINT_UNSCHEDULABLE, 'NoSchedule'),
  ];
  if (hostNetwork) out.push(exists(TAINT_NETWORK_UNAVAILABLE, 'NoSchedule'));
  return out;
}

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  a.key === b.key && (a.operator ?? 'Equal') === (b.operator ?? 'Equal') && (a.value ?? '') === (b.value ?? '') && a.effect === b.effect;

/** Adds the daemon tolerations, replacing a user's toleration of the same key, operator, value and effect. */
export function addDaemonPodTolerations(spec: PodSpec): void {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const t of daemonPodTolerations(spec.hostNetwork === true)) {
    const i = tolerations.findIndex((x) => sameToleration(x, t));
    if (i >= 0) tolerations[i] = t;
    else tolerations.push(t);
  }
  spec.tolerations = tolerations;
}
