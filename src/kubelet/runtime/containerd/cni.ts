/**
 * The node's pod network as CNI configuration: one conflist (bridge + portmap) in the containerd layout's
 * cniConfDir, which containerd's cri plugin reads (max_conf_num = 1; containerd adds loopback itself).
 *
 * Contract: the bridge is `k8ts0` (never a host's `cni0` or `docker0`, so reset can delete it without touching
 * anyone else's network); the gateway is the first address of the node's pod CIDR; host-local keeps its leases
 * under the containerd directory (never /var/lib/cni), so removing the data directory forgets every lease.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContainerdLayout } from './config.js';

export const CNI_BRIDGE = 'k8ts0';
export const CNI_NETWORK_NAME = 'k8ts';
export const CNI_CONFLIST_FILE = '10-k8ts.conflist';
/** The cniVersion the Debian plugins (1.1.x) and containerd 1.6's libcni both speak. */
export const CNI_VERSION = '1.0.0';

export interface CniOptions {
  /** The node's pod CIDR (spec.podCIDR), e.g. 10.244.0.0/24. */
  podCIDR: string;
  /** Where host-local keeps its leases. */
  ipamDataDir: string;
  bridge?: string;
}

/** The conflist object (pure): bridge with host-local IPAM, then portmap for hostPort. */
export function renderCniConflist(o: CniOptions): Record<string, unknown> {
  return {
    cniVersion: CNI_VERSION,
    name: CNI_NETWORK_NAME,
    plugins: [
      {
        type: 'bridge',
        bridge: o.bridge ?? CNI_BRIDGE,
        // The bridge holds the pod CIDR's gateway address: pods route through the node.
        isGateway: true,
        // Pod traffic to non-pod addresses leaves with the node's address (as kubenet does).
        ipMasq: true,
        // A pod can reach itself through a Service that picks its own endpoint.
        hairpinMode: true,
        ipam: {
          type: 'host-local',
          ranges: [[{ subnet: o.podCIDR }]],
          routes: [{ dst: '0.0.0.0/0' }],
          dataDir: o.ipamDataDir,
        },
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}

/** The IPAM lease directory of a layout (under the containerd directory). */
export const cniIpamDir = (layout: ContainerdLayout): string => join(layout.dir, 'cni', 'ipam');

/** Writes the conflist into the layout's cniConfDir (replacing an older one); returns its path. */
export function writeCniConfig(layout: ContainerdLayout, podCIDR: string): string {
  mkdirSync(layout.cniConfDir, { recursive: true });
  const file = join(layout.cniConfDir, CNI_CONFLIST_FILE);
  const conf = renderCniConflist({ podCIDR, ipamDataDir: cniIpamDir(layout) });
  writeFileSync(file, JSON.stringify(conf, null, 2) + '\n');
  return file;
}
