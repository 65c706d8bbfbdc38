/**
 * A container's CRI Linux resources from its requests and limits (upstream's calculateLinuxResources and
 * GetContainerOOMScoreAdjust):
 * - cpuShares = request milli-CPU × 1024 / 1000, at least 2 and at most 262144; with a limit but no request the
 *   limit is the request (250m → 256; none → 2).
 * - cpuPeriod 100000 µs always; cpuQuota = limit milli-CPU × period / 1000, at least 1000 (500m → 50000), and 0
 *   (unlimited) without a limit.
 * - memoryLimitInBytes = the memory limit (absent without one).
 * - oomScoreAdj by the pod's QoS class: Guaranteed (and system-node-critical pods) -997, BestEffort 1000,
 *   Burstable 1000 − 1000 × memory request / node memory capacity, kept within [3, 999] (a 10 % request → 900).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { podQOSClass } from '../../../api/core/v1/qos.js';
import { tryParseQuantity } from '../../../machinery/quantity/quantity.js';
import type { LinuxContainerResources } from '../../runtime/interface.js';

const MIN_SHARES = 2;
const MAX_SHARES = 262_144;
const SHARES_PER_CPU = 1024;
const QUOTA_PERIOD_US = 100_000;
const MIN_QUOTA_US = 1000;
const GUARANTEED_OOM_SCORE_ADJ = -997;
const BEST_EFFORT_OOM_SCORE_ADJ = 1000;

const milli = (list: Record<string, unknown> | undefined, name: string): number => tryParseQuantity(list?.[name])?.milliValue() ?? 0;
const whole = (list: Record<string, unknown> | undefined, name: string): number => tryParseQuantity(list?.[name])?.value() ?? 0;

export function milliCPUToShares(milliCPU: number): number {
  if (milliCPU === 0) return MIN_SHARES;
  return Math.min(MAX_SHARES, Math.max(MIN_SHARES, Math.trunc((milliCPU * SHARES_PER_CPU) / 1000)));
}

export function milliCPUToQuota(milliCPU: number, periodUs: number): number {
  if (milliCPU === 0) return 0;
  return Math.max(MIN_QUOTA_US, Math.trunc((milliCPU * periodUs) / 1000));
}

/** `memoryCapacity`: the node's memory in bytes (the Burstable formula's denominator). */
export function linuxResources(pod: Readonly<Pod>, c: Readonly<Container>, memoryCapacity: number): LinuxContainerResources {
  const requests = c.resources?.requests as Record<string, unknown> | undefined;
  const limits = c.resources?.limits as Record<string, unknown> | undefined;
  const cpuRequest = milli(requests, 'cpu');
  const cpuLimit = milli(limits, 'cpu');
  const r: LinuxContainerResources = {
    cpuShares: milliCPUToShares(cpuRequest === 0 && cpuLimit !== 0 ? cpuLimit : cpuRequest),
    cpuPeriod: QUOTA_PERIOD_US,
    cpuQuota: milliCPUToQuota(cpuLimit, QUOTA_PERIOD_US),
    oomScoreAdj: oomScoreAdj(pod, c, memoryCapacity),
  };
  const mem = whole(limits, 'memory');
  if (mem !== 0) r.memoryLimitInBytes = mem;
  return r;
}

export function oomScoreAdj(pod: Readonly<Pod>, c: Readonly<Container>, memoryCapacity: number): number {
  if (pod.spec?.priorityClassName === 'system-node-critical') return GUARANTEED_OOM_SCORE_ADJ;
  const qos = podQOSClass(pod.spec);
  if (qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BEST_EFFORT_OOM_SCORE_ADJ;
  const request = whole(c.resources?.requests as Record<string, unknown> | undefined, 'memory');
  const adj = memoryCapacity > 0 ? 1000 - Math.trunc((1000 * request) / memoryCapacity) : 1000;
  if (adj < 1000 + GUARANTEED_OOM_SCORE_ADJ) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  return adj === BEST_EFFORT_OOM_SCORE_ADJ ? adj - 1 : adj;
}
