/**
 * The Linux namespaces of a pod's sandbox and containers (upstream's NamespacesForPod): network and IPC are the
 * node's with hostNetwork/hostIPC, else the pod's; PID is the node's with hostPID, the pod's with
 * shareProcessNamespace, else each container's own.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { NamespaceOption } from '../../runtime/interface.js';

export const isHostNetwork = (pod: Readonly<Pod>): boolean => pod.spec?.hostNetwork === true;

export function podNamespaces(pod: Readonly<Pod>): NamespaceOption {
  const s = pod.spec;
  return {
    network: s?.hostNetwork ? 'NODE' : 'POD',
    pid: s?.hostPID ? 'NODE' : s?.shareProcessNamespace ? 'POD' : 'CONTAINER',
    ipc: s?.hostIPC ? 'NODE' : 'POD',
  };
}
