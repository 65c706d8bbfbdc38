/**
 * A pod's effective resource requests (upstream's resource helpers PodRequests, used by the scheduler, quota and the
 * kubelet): regular containers and restartable init containers (sidecars) run together, each plain init container
 * runs alone next to the sidecars started before it, so the pod needs the larger of the two phases, plus
 * spec.overhead. Values are plain numbers: cpu in millicores, everything else in base units (bytes, counts).
 *
 * `nonZero` gives the scheduler's scoring view: a container without a cpu request counts 100m and one without a
 * memory request counts 200 MB (upstream's DefaultMilliCPURequest / DefaultMemoryRequest), so BestEffort pods still spread.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { tryParseQuantity } from '../../../../machinery/quantity/quantity.js';

export type ResourceAmounts = Map<string, number>;

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** cpu as millicores, other resources as whole units (rounded up, as upstream's Value/MilliValue). */
export function quantityAmount(name: string, value: unknown): number {
  const q = tryParseQuantity(value);
  if (!q) return 0;
  return name === 'cpu' ? q.milliValue() : q.value();
}

function containerRequests(c: Readonly<Container>, nonZero: boolean): ResourceAmounts {
  const out: ResourceAmounts = new Map();
  for (const [name, v] of Object.entries(c.resources?.requests ?? {})) out.set(name, quantityAmount(name, v));
  if (nonZero) {
    // Only a missing request gets the default; an explicit 0 stays 0 (upstream's GetNonzeroRequests).
    if (!out.has('cpu')) out.set('cpu', DEFAULT_MILLI_CPU_REQUEST);
    if (!out.has('memory')) out.set('memory', DEFAULT_MEMORY_REQUEST);
  }
  return out;
}

function addInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function maxInto(into: ResourceAmounts, from: ResourceAmounts): void {
  for (const [k, v] of from) if (v > (into.get(k) ?? 0)) into.set(k, v);
}

export const isRestartableInit = (c: Readonly<Container>): boolean => c.restartPolicy === 'Always';

export interface PodRequestsOptions {
  /** Count 100m cpu / 200 MB memory for containers that request none (scheduler scoring). */
  nonZero?: boolean;
  /** Leave spec.overhead out. */
  excludeOverhead?: boolean;
}

export function podRequests(pod: Readonly<Pod>, opts: PodRequestsOptions = {}): ResourceAmounts {
  const nonZero = opts.nonZero ?? false;
  const reqs: ResourceAmounts = new Map();
  for (const c of pod.spec?.containers ?? []) addInto(reqs, containerRequests(c, nonZero));
  const sidecars: ResourceAmounts = new Map();
  const initPeak: ResourceAmounts = new Map();
  for (const c of pod.spec?.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (isRestartableInit(c)) {
      addInto(reqs, r);
      addInto(sidecars, r);
      maxInto(initPeak, sidecars);
    } else {
      const phase = new Map(sidecars);
      addInto(phase, r);
      maxInto(initPeak, phase);
    }
  }
  maxInto(reqs, initPeak);
  if (!opts.excludeOverhead) {
    for (const [name, v] of Object.entries(pod.spec?.overhead ?? {})) reqs.set(name, (reqs.get(name) ?? 0) + quantityAmount(name, v));
  }
  return reqs;
}
