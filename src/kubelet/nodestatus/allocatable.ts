/**
 * Node allocatable (upstream's GetNodeAllocatableReservation): capacity − kube-reserved − system-reserved − the hard
 * eviction threshold of the resource (memory.available for memory, nodefs.available for ephemeral-storage, a
 * percentage taken of the capacity), never below zero. With upstream's defaults and nothing reserved, memory loses
 * 100Mi (8141900Ki → 8039500Ki) and ephemeral-storage 10 %; cpu and pods equal capacity.
 */
import { Quantity, tryParseQuantity } from '../../machinery/quantity/quantity.js';
import { thresholdAmount, type EvictionHard } from './thresholds.js';

export interface Reservations {
  /** upstream --kube-reserved (cpu, memory, ephemeral-storage, pid…). */
  kubeReserved?: Record<string, string>;
  /** upstream --system-reserved. */
  systemReserved?: Record<string, string>;
  evictionHard: EvictionHard;
}

const EVICTION_SIGNAL_OF = { memory: 'memory.available', 'ephemeral-storage': 'nodefs.available' } as const;

export function allocatableOf(capacity: Readonly<Record<string, string>>, r: Reservations): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(capacity)) {
    const cap = tryParseQuantity(value);
    if (!cap) {
      out[name] = value;
      continue;
    }
    let left = cap;
    for (const list of [r.kubeReserved, r.systemReserved]) {
      const q = tryParseQuantity(list?.[name]);
      if (q) left = left.sub(q);
    }
    const signal = EVICTION_SIGNAL_OF[name as keyof typeof EVICTION_SIGNAL_OF];
    const hard = signal ? thresholdAmount(r.evictionHard, signal, cap.value()) : undefined;
    if (hard) left = left.sub(Quantity.parse(hard));
    out[name] = left.sign() < 0 ? '0' : left.toString();
  }
  return out;
}
