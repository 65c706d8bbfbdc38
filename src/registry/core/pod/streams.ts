/**
 * pods/exec, pods/attach and pods/portforward (upstream's ExecREST/AttachREST/PortForwardREST, "connect" verbs): the
 * client's upgrade request (SPDY/3.1 POST, or WebSocket GET) is replayed raw on a TLS connection to the pod's
 * kubelet (`/exec|/attach/{ns}/{pod}/{container}`, `/portForward/{ns}/{pod}`) and the two sockets are spliced, so
 * the protocol negotiation happens end to end between kubectl and the runtime's stream server. The kubelet's
 * answer, including a refusal (kubectl 1.30+ then retries with SPDY), reaches the client unchanged.
 */
import type { Pod } from 'kubernetes-types/core/v1.js';
import { newBadRequest } from '../../../machinery/errors/status.js';
import { proxyUpgrade } from '../../../machinery/httpstream/upgrade-proxy.js';
import type { SubresourceHandler, UpgradeResourceRequest, UpgradeSubresourceHandler } from '../../../apiserver/handlers/types.js';
import { logContainerName } from './log-container.js';
import { connectKubelet, kubeletLocation, noKubeletClient, type KubeletClientConfig } from './kubelet-connection.js';

export type StreamSubresource = 'exec' | 'attach' | 'portforward';

const TRUE = new Set(['1', 'true', 'True', 'TRUE']);

/** The kubelet path and query for a stream subresource (upstream's ExecLocation / AttachLocation / PortForwardLocation). */
export function kubeletStreamPath(kind: StreamSubresource, pod: Pod, q: URLSearchParams): string {
  const ns = encodeURIComponent(pod.metadata!.namespace!);
  const name = encodeURIComponent(pod.metadata!.name!);
  const out = new URLSearchParams();
  if (kind === 'portforward') {
    for (const p of [...q.getAll('ports'), ...q.getAll('port')]) out.append('port', p);
    const query = out.toString();
    return `/portForward/${ns}/${name}${query ? `?${query}` : ''}`;
  }
  const container = encodeURIComponent(logContainerName(pod, q.get('container') ?? undefined));
  if (kind === 'exec') for (const c of q.getAll('command')) out.append('command', c);
  for (const f of ['stdin', 'stdout', 'stderr', 'tty']) if (TRUE.has(q.get(f) ?? '')) out.set(f, '1');
  return `/${kind}/${ns}/${name}/${container}?${out}`;
}

export function streamUpgradeHandler(kind: StreamSubresource, kubelet: KubeletClientConfig | undefined): UpgradeSubresourceHandler {
  return async (r: UpgradeResourceRequest) => {
    const pod = (await r.registry.get(r.info.namespace, r.info.name)) as Pod;
    const path = kubeletStreamPath(kind, pod, r.query);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName) throw newBadRequest(`pod ${r.info.name} does not have a host assigned`);
    if (!kubelet) throw noKubeletClient(kind);
    const loc = await kubeletLocation(r.services, nodeName, kubelet.defaultPort);
    await proxyUpgrade(r.req, r.socket, r.head, { path, host: `${loc.host}:${loc.port}`, connect: () => connectKubelet(kubelet, loc) });
  };
}

/** A stream subresource asked without an upgrade: 400 as upstream. */
export const upgradeRequired: SubresourceHandler = async (r) => {
  await r.registry.get(r.info.namespace, r.info.name);
  throw newBadRequest(`Upgrade request required: pods/${r.info.subresource} is served over SPDY/3.1 or WebSocket`);
};
