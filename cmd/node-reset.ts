/**
 * The node's part of `k8ts reset`, before the data directory goes: its pods (a containerd started again on the same
 * directory stops and removes every sandbox, so the CNI plugins free IPs, veths and NAT rules), the shims of that
 * containerd, mounts left under the data directory, and what the node changed on the host's network (bridge,
 * CNI-HOSTPORT chains, unreachable routes, net.ipv4.ip_forward; see host-network.ts). Run it in the network
 * namespace `k8ts up` ran in.
 */
import { existsSync } from 'node:fs';
import { restoreHostNetwork } from '../src/kubelet/node/host-network.js';
import { unmountUnder } from '../src/kubelet/node/mounts.js';
import { CriClient } from '../src/kubelet/runtime/cri/client.js';
import { containerdLayout } from '../src/kubelet/runtime/containerd/config.js';
import { startContainerd } from '../src/kubelet/runtime/containerd/launcher.js';
import { reapShims, removeAllPods } from '../src/kubelet/runtime/containerd/teardown.js';
import { CliError } from './errors.js';
import { dataPaths } from './paths.js';

/** Whether the data directory holds node state (a containerd of ours or a host network record). */
export function hasNodeState(dataDir: string): boolean {
  const p = dataPaths(dataDir);
  return existsSync(containerdLayout(p.containerd).configFile) || existsSync(p.hostNetwork);
}

export async function resetNode(dataDir: string, out: NodeJS.WritableStream): Promise<void> {
  if (!hasNodeState(dataDir)) return;
  if (process.getuid?.() !== 0) throw new CliError('this data directory holds a node (containers, routes): run k8ts reset as root');
  const p = dataPaths(dataDir);
  const layout = containerdLayout(p.containerd);
  if (existsSync(layout.configFile)) {
    const removed = await removePods(p.containerd).catch((err: unknown) => {
      out.write(`✗ could not remove pods through containerd (${(err as Error).message.split('\n')[0]}); killing its shims\n`);
      return undefined;
    });
    const killed = await reapShims(layout.socket);
    if (removed !== undefined) out.write(`✓ removed ${removed} pod(s); containerd stopped\n`);
    if (killed) out.write(`✓ killed ${killed} leftover shim(s)\n`);
  }
  const unmounted = await unmountUnder(dataDir);
  if (unmounted) out.write(`✓ unmounted ${unmounted} leftover mount(s)\n`);
  for (const line of await restoreHostNetwork({ stateFile: p.hostNetwork })) out.write(`✓ ${line}\n`);
}

async function removePods(dir: string): Promise<number> {
  const containerd = await startContainerd({ dir });
  const cri = new CriClient({ endpoint: containerd.endpoint, requestTimeoutMs: 60_000 });
  try {
    return await removeAllPods(cri);
  } finally {
    cri.close();
    await containerd.stop();
  }
}
