/** scheduling.k8s.io/v1 defaults: a PriorityClass preempts lower priorities unless told otherwise. */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1.js';

export function defaultPriorityClass(pc: PriorityClass): void {
  pc.preemptionPolicy ??= 'PreemptLowerPriority';
}
