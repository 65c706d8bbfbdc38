/**
 * A pod's QoS class, as upstream's GetPodQOS: Guaranteed when every container sets equal cpu and memory requests
 * and limits, BestEffort when none sets any, Burstable otherwise. Limits without requests count as requests
 * (defaulting copies them), so the class is the same before and after defaults.
 */
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { tryParseQuantity, Quantity } from '../../../machinery/quantity/quantity.js';

const QOS_RESOURCES = ['cpu', 'memory'];

type Totals = Map<string, Quantity>;

function addTo(totals: Totals, name: string, q: Quantity): void {
  const prev = totals.get(name);
  totals.set(name, prev ? prev.add(q) : q);
}

function nonZero(list: Record<string, unknown> | undefined, name: string): Quantity | undefined {
  const q = tryParseQuantity(list?.[name]);
  return q && !q.isZero() ? q : undefined;
}

/** Adds one container's cpu/memory to the totals; false when its limits leave cpu or memory unbounded. */
function accumulate(c: Container, requests: Totals, limits: Totals): boolean {
  let limitsFound = 0;
  for (const name of QOS_RESOURCES) {
    const limit = nonZero(c.resources?.limits, name);
    const request = nonZero(c.resources?.requests, name) ?? (c.resources?.requests?.[name] === undefined ? limit : undefined);
    if (request) addTo(requests, name, request);
    if (limit) {
      addTo(limits, name, limit);
      limitsFound++;
    }
  }
  return limitsFound === QOS_RESOURCES.length;
}

export function podQOSClass(spec: PodSpec | undefined): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests: Totals = new Map();
  const limits: Totals = new Map();
  let guaranteed = true;
  for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) {
    if (!accumulate(c, requests, limits)) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, q] of requests) if (limits.get(name)?.cmp(q) !== 0) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
