/**
 * The sandbox's port mappings (upstream's MakePortMappings over the app containers): every declared port, with a
 * port name (or, unnamed, its family/protocol/hostIP/ports) used at most once per container. The runtime's CNI
 * portmap acts on the ones with a hostPort only.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PortMapping } from '../../runtime/interface.js';

export function portMappings(pod: Readonly<Pod>): PortMapping[] {
  const out: PortMapping[] = [];
  for (const c of pod.spec?.containers ?? []) {
    const names = new Set<string>();
    for (const p of c.ports ?? []) {
      const protocol = (p.protocol ?? 'TCP') as PortMapping['protocol'];
      const family = !p.hostIP ? 'any' : p.hostIP.includes(':') ? 'v6' : 'v4';
      const name = p.name || `${family}-${protocol}-${p.hostIP ?? ''}:${p.containerPort}:${p.hostPort ?? 0}`;
      if (names.has(name)) continue;
      names.add(name);
      out.push({
        protocol,
        containerPort: p.containerPort,
        ...(p.hostPort ? { hostPort: p.hostPort } : {}),
        ...(p.hostIP ? { hostIp: p.hostIP } : {}),
      });
    }
  }
  return out;
}
