/**
 * A pod cgroup's limits (upstream's ResourceConfigForPod), from the pod's effective requests and limits:
 * - effective amount of a resource = max(sum over app containers and sidecars, the largest init container plus the
 *   sidecars started before it) + spec.overhead — what the scheduler counts too;
 * - cpu shares = shares of the effective cpu request (BestEffort: 2, the minimum);
 * - cfs quota (period 100 ms) = quota of the effective cpu limit, only when every container declares a cpu limit
 *   (one unlimited container makes the pod unlimited);
 * - memory limit = the effective memory limit, only when every container declares one;
 * - pids limit = the kubelet's podPidsLimit when positive (upstream's --pod-max-pids; default unlimited).
 * Worked example: app containers {cpu req 100m lim 200m, mem lim 64Mi} + {cpu req 300m lim 300m, mem lim 64Mi},
 * one init container {cpu lim 1} → requests 1000m (init wins: max(400m, 1000m)) → 1024 shares; limits
 * max(500m, 1000m) = 1000m → quota 100000; memory: the init container declares none → no pod memory limit.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { podQOSClass } from '../../api/core/v1/qos.js';
import { tryParseQuantity } from '../../machinery/quantity/quantity.js';
import { milliCPUToQuota, milliCPUToShares } from '../pod/config/resources.js';

export const CFS_PERIOD_US = 100_000;
export const MIN_SHARES = 2;

export interface CgroupResources {
  cpuShares?: number;
  /** Microseconds per period; set together with cpuPeriod, absent = unlimited. */
  cpuQuota?: number;
  cpuPeriod?: number;
  memoryLimitBytes?: number;
  pidsLimit?: number;
}

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

type Kind = 'requests' | 'limits';
type Amount = (c: Readonly<Container>, kind: Kind) => number;

const raw = (c: Readonly<Container>, kind: Kind, name: string): number | undefined => {
  const q = tryParseQuantity((c.resources?.[kind] as Record<string, unknown> | undefined)?.[name]);
  return q ? (name === 'cpu' ? q.milliValue() : q.value()) : undefined;
};

/** A request absent from the spec is the limit (what defaulting does), so undefaulted pods count the same. */
const amountOf = (name: string): Amount => (c, kind) =>
  kind === 'limits' ? raw(c, 'limits', name) ?? 0 : raw(c, 'requests', name) ?? raw(c, 'limits', name) ?? 0;

const isSidecar = (c: Readonly<Container>): boolean => c.restartPolicy === 'Always';

/** The effective pod amount of one resource (milli-CPU for cpu, bytes for memory); see the file comment. */
export function podAmount(pod: Readonly<Pod>, name: string, kind: Kind): number {
  const amount = amountOf(name);
  let sidecars = 0;
  let initMax = 0;
  for (const c of pod.spec?.initContainers ?? []) {
    if (isSidecar(c)) sidecars += amount(c, kind);
    else initMax = Math.max(initMax, amount(c, kind) + sidecars);
  }
  const apps = (pod.spec?.containers ?? []).reduce((sum, c) => sum + amount(c, kind), 0) + sidecars;
  return Math.max(apps, initMax) + overhead(pod, name);
}

function overhead(pod: Readonly<Pod>, name: string): number {
  const q = tryParseQuantity((pod.spec?.overhead as Record<string, unknown> | undefined)?.[name]);
  if (!q) return 0;
  return name === 'cpu' ? q.milliValue() : q.value();
}

function allDeclareLimit(pod: Readonly<Pod>, name: string): boolean {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return all.every((c) => (raw(c, 'limits', name) ?? 0) > 0);
}

/** `podPidsLimit`: ≤ 0 or absent leaves pids unlimited. */
export function podCgroupResources(pod: Readonly<Pod>, podPidsLimit?: number): CgroupResources {
  const pids = podPidsLimit && podPidsLimit > 0 ? { pidsLimit: podPidsLimit } : {};
  if (podQOSClass(pod.spec) === 'BestEffort') return { cpuShares: MIN_SHARES, ...pids };
  const r: CgroupResources = { cpuShares: milliCPUToShares(podAmount(pod, 'cpu', 'requests')), ...pids };
  if (allDeclareLimit(pod, 'cpu')) {
    r.cpuPeriod = CFS_PERIOD_US;
    r.cpuQuota = milliCPUToQuota(podAmount(pod, 'cpu', 'limits'), CFS_PERIOD_US);
  }
  if (allDeclareLimit(pod, 'memory')) r.memoryLimitBytes = podAmount(pod, 'memory', 'limits');
  return r;
}

/** cgroup v2 cpu.weight for v1 shares (the runc/kubelet conversion: [2, 262144] → [1, 10000]). */
export function sharesToWeight(shares: number): number {
  return 1 + Math.trunc(((shares - 2) * 9999) / 262_142);
}
