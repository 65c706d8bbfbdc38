/**
 * Pod subresources: binding (the scheduler's write of spec.nodeName), eviction (eviction.ts: a delete that honours
 * PodDisruptionBudgets) and the node-proxied streams: log (log.ts, proxied to the pod's kubelet), exec, attach and
 * portforward (streams.ts: upgrade requests spliced onto the kubelet; a plain request is a 400). Without a kubelet
 * client configuration (`KubeletClientConfig`) the node-proxied ones answer 503. pods/proxy is not served (503).
 */
import { newBadRequest, newConflict, newServiceUnavailable, successStatus } from '../../../machinery/errors/status.js';
import type { ResourceRequest, SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { readRequestObject } from '../../../apiserver/handlers/decode.js';
import { rfc3339 } from '../../../apiserver/registry/generic/codec.js';
import { writeJson } from '../../../apiserver/response/write.js';
import { evictPod } from './eviction.js';
import type { UpgradeSubresourceHandler } from '../../../apiserver/handlers/types.js';
import type { KubeletClientConfig } from './kubelet-connection.js';
import { podLogHandler } from './log.js';
import { streamUpgradeHandler, upgradeRequired, type StreamSubresource } from './streams.js';

const BINDING_GVK = { group: '', version: 'v1', kind: 'Binding' };

export const bindPod: SubresourceHandler = async (r) => {
  if (r.info.verb !== 'create') throw newBadRequest('pods/binding accepts only POST');
  const binding = await readRequestObject(r, BINDING_GVK);
  const node = binding.target?.name;
  if (!node) throw newBadRequest('a Binding needs target.name, the node to bind to');
  const now = rfc3339(r.services.clock.now());
  await r.registry.rawUpdate(r.info.namespace, r.info.name, r.ctx, (pod) => {
    const gr = r.registry.gr;
    if (pod.metadata.deletionTimestamp) throw newConflict(gr, pod.metadata.name, `pod ${pod.metadata.name} is being deleted, cannot be assigned to a host`);
    if (pod.spec?.nodeName) throw newConflict(gr, pod.metadata.name, `pod ${pod.metadata.name} is already assigned to node "${pod.spec.nodeName}"`);
    pod.spec = { ...(pod.spec ?? {}), nodeName: node };
    const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    pod.status = { ...(pod.status ?? {}), conditions };
    return pod;
  });
  writeJson(r.res, 201, successStatus());
};

export const nodeStreamUnavailable: SubresourceHandler = async (r: ResourceRequest) => {
  await r.registry.get(r.info.namespace, r.info.name);
  throw newServiceUnavailable(
    `pods/${r.info.subresource} of "${r.info.name}" needs the kubelet of the pod's node, and no node agent serves it yet in this cluster; use kubectl get/describe for now`,
  );
};

/** The pod subresources served over plain HTTP, keyed by subresource name. */
export function podSubresources(kubelet?: KubeletClientConfig): Record<string, SubresourceHandler> {
  return {
    binding: bindPod,
    eviction: evictPod,
    log: podLogHandler(kubelet),
    exec: upgradeRequired,
    attach: upgradeRequired,
    portforward: upgradeRequired,
    proxy: nodeStreamUnavailable,
  };
}

/** The pod subresources served over an upgraded connection. */
export function podUpgradeSubresources(kubelet?: KubeletClientConfig): Record<string, UpgradeSubresourceHandler> {
  const kinds: StreamSubresource[] = ['exec', 'attach', 'portforward'];
  return Object.fromEntries(kinds.map((k) => [k, streamUpgradeHandler(k, kubelet)]));
}

/** Without a kubelet client: the node-proxied subresources answer 503. */
export const POD_SUBRESOURCES: Record<string, SubresourceHandler> = podSubresources();
