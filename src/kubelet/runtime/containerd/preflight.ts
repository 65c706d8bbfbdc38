/**
 * What a real node needs on the machine, checked before anything starts, so `k8ts up` fails with the next step
 * instead of a containerd log excerpt: root, containerd + ctr, runc, the CNI plugins, iproute2 and iptables.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { which } from './binaries.js';
import { DEFAULT_CNI_BIN_DIR } from './config.js';

export const CNI_PLUGINS = ['bridge', 'host-local', 'portmap', 'loopback'];

const BINARIES: Array<[string, string]> = [
  ['containerd', 'containerd'],
  ['ctr', 'containerd'],
  ['runc', 'runc'],
  ['ip', 'iproute2'],
  ['iptables', 'iptables'],
];

export interface PreflightInput {
  uid: number;
  /** false when the node uses an existing CRI endpoint (no containerd, runc or ctr of ours). */
  ownRuntime: boolean;
  cniBinDir?: string;
  path?: string;
}

/** The problems, each a sentence with its remedy; empty when the node can start. */
export function nodePreflight(i: PreflightInput): string[] {
  if (i.uid !== 0) {
    return ['the node runs containers, so k8ts up must run as root (sudo k8ts up); pass --no-node to run only the control plane'];
  }
  const missing = new Set<string>();
  for (const [bin, pkg] of BINARIES) {
    if (!i.ownRuntime && pkg !== 'iproute2' && pkg !== 'iptables') continue;
    if (!which(bin, i.path)) missing.add(pkg);
  }
  const cniDir = i.cniBinDir ?? DEFAULT_CNI_BIN_DIR;
  if (i.ownRuntime && CNI_PLUGINS.some((p) => !existsSync(join(cniDir, p)))) missing.add('containernetworking-plugins');
  if (missing.size === 0) return [];
  return [
    `missing ${[...missing].join(', ')}: apt-get install -y ${[...missing].join(' ')}; ` +
      'or pass --container-runtime-endpoint unix:///… to use a CRI that is already running, or --no-node for the control plane only',
  ];
}
