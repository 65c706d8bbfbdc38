/**
 * Services get a ClusterIP from the service CIDR (10.96.0.0/12 by default; .1 is `default/kubernetes`, .10 is
 * kept for the cluster DNS and given only when asked for) and, for NodePort and LoadBalancer, node ports from
 * 30000–32767. Values are released when the service is deleted or stops needing them; conflicts are 422.
 */
import { newInvalid } from '../../../machinery/errors/status.js';
import { FieldPath, invalid, toCauses } from '../../../machinery/validation/field.js';
import type { Store } from '../../../storage/interface.js';
import type { KObject, OperationContext, ResourceHooks } from '../../../apiserver/registry/resource.js';
import { RangeAllocator } from './allocator.js';
import { contains, ipToNumber, numberToIp, parseCidr } from './ipv4.js';

export interface ServiceRanges {
  serviceCidr: string;
  nodePortFirst: number;
  nodePortLast: number;
}

export const DEFAULT_RANGES: ServiceRanges = { serviceCidr: '10.96.0.0/12', nodePortFirst: 30000, nodePortLast: 32767 };

const needsClusterIP = (s: KObject): boolean => s.spec?.type !== 'ExternalName' && s.spec?.clusterIP !== 'None';
const needsNodePorts = (s: KObject): boolean => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';
const owner = (s: KObject): string => `${s.metadata?.namespace}/${s.metadata?.name}`;

export function serviceHooks(store: Store, ranges: ServiceRanges = DEFAULT_RANGES): ResourceHooks {
  const cidr = parseCidr(ranges.serviceCidr);
  // Offsets 0 (network), 1 (kubernetes), 10 (DNS) and the broadcast address are never handed out unasked.
  const ips = new RangeAllocator(store, 'serviceips', cidr.base, cidr.size, numberToIp, new Set([0, 1, 10, cidr.size - 1]));
  const ports = new RangeAllocator(store, 'servicenodeports', ranges.nodePortFirst, ranges.nodePortLast - ranges.nodePortFirst + 1, String);

  const fail = (svc: KObject, path: FieldPath, value: unknown, detail: string): never => {
    throw newInvalid({ group: '', kind: 'Service' }, svc.metadata?.name ?? '', toCauses([invalid(path, value, detail)]));
  };

  async function allocateIP(svc: KObject, ctx: OperationContext): Promise<void> {
    const asked = svc.spec.clusterIP as string | undefined;
    if (asked) {
      const n = ipToNumber(asked);
      const path = FieldPath.root('spec', 'clusterIPs').index(0);
      if (n === undefined || !contains(cidr, n)) fail(svc, path, asked, `failed to allocate IP ${asked}: the provided IP (${asked}) is not in the valid range. The range of valid IPs is ${ranges.serviceCidr}`);
      if (!(await ips.claim(n!, owner(svc), ctx.dryRun))) fail(svc, path, asked, `failed to allocate IP ${asked}: provided IP is already allocated`);
    } else {
      const n = await ips.next(owner(svc), ctx.dryRun);
      if (n === undefined) fail(svc, FieldPath.root('spec', 'clusterIPs'), [], 'failed to allocate a serviceIP: range is full');
      svc.spec.clusterIP = numberToIp(n!);
    }
    svc.spec.clusterIPs = [svc.spec.clusterIP];
  }

  async function allocatePorts(svc: KObject, old: KObject | undefined, ctx: OperationContext): Promise<void> {
    const kept = new Set<number>((old && needsNodePorts(old) ? old.spec.ports ?? [] : []).map((p: { nodePort?: number }) => p.nodePort).filter(Boolean));
    const list: { nodePort?: number }[] = svc.spec.ports ?? [];
    for (const [i, p] of list.entries()) {
      const path = FieldPath.root('spec', 'ports').index(i).child('nodePort');
      if (p.nodePort) {
        if (kept.has(p.nodePort)) continue;
        if (!ports.contains(p.nodePort)) fail(svc, path, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${ranges.nodePortFirst}-${ranges.nodePortLast}`);
        if (!(await ports.claim(p.nodePort, owner(svc), ctx.dryRun))) fail(svc, path, p.nodePort, 'provided port is already allocated');
      } else {
        const n = await ports.next(owner(svc), ctx.dryRun);
        if (n === undefined) fail(svc, path, 0, 'failed to allocate a nodePort: range is full');
        p.nodePort = n;
      }
    }
  }

  async function releaseUnused(svc: KObject | undefined, old: KObject): Promise<void> {
    if (needsClusterIP(old) && old.spec?.clusterIP && (!svc || !needsClusterIP(svc))) {
      const n = ipToNumber(old.spec.clusterIP);
      if (n !== undefined) await ips.release(n);
    }
    const still = new Set<number>(svc && needsNodePorts(svc) ? (svc.spec.ports ?? []).map((p: { nodePort?: number }) => p.nodePort) : []);
    for (const p of old.spec?.ports ?? []) if (p.nodePort && !still.has(p.nodePort)) await ports.release(p.nodePort);
  }

  return {
    async beforeCreate(svc, ctx) {
      svc.spec = svc.spec ?? {};
      if (needsClusterIP(svc)) await allocateIP(svc, ctx);
      if (needsNodePorts(svc)) await allocatePorts(svc, undefined, ctx);
      else for (const p of svc.spec.ports ?? []) delete p.nodePort;
    },
    async beforeUpdate(svc, old, ctx) {
      svc.spec = svc.spec ?? {};
      if (needsClusterIP(svc) && !needsClusterIP(old)) await allocateIP(svc, ctx);
      else if (needsClusterIP(svc) && !svc.spec.clusterIP) {
        svc.spec.clusterIP = old.spec.clusterIP;
        svc.spec.clusterIPs = old.spec.clusterIPs;
      }
      if (needsNodePorts(svc)) await allocatePorts(svc, old, ctx);
      if (!ctx.dryRun) await releaseUnused(svc, old);
    },
    async release(svc, old) {
      await releaseUnused(undefined, old ?? svc);
    },
  };
}
