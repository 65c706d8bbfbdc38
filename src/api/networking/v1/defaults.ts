/** networking.k8s.io/v1 defaults: NetworkPolicy ports TCP and policyTypes from the rules present. */
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';

export function defaultNetworkPolicy(np: NetworkPolicy): void {
  const spec = (np.spec ??= { podSelector: {} });
  for (const rule of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) {
    for (const p of rule.ports ?? []) p.protocol ??= 'TCP';
  }
  if (!spec.policyTypes || spec.policyTypes.length === 0) {
    spec.policyTypes = spec.egress && spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
  }
}
