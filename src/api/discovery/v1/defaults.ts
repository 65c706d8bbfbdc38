/** discovery.k8s.io/v1 defaults: port protocol TCP and port name "" (upstream's SetDefaults_EndpointPort). */
import type { EndpointSlice } from 'kubernetes-types/discovery/v1.js';

export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const p of slice.ports ?? []) {
    p.protocol ??= 'TCP';
    p.name ??= '';
  }
}
