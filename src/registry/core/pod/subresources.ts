/**
 * Pod subresources: binding (the scheduler's write of spec.nodeName), eviction (eviction.ts: a delete that honours
 * PodDisruptionBudgets) and the node-proxied streams (log, exec, attach, portforward), which answer 503 until a kubelet
 * serves them.
 */
import { newBadRequest, newConflict, newServiceUnavailable, successStatus } from '../../../machinery/errors/status.js';
import type { ResourceRequest, SubresourceHandler } from '../../../apiserver/handlers/types.js';
import { readRequestObject } from '../../../apiserver/handlers/decode.js';
import { rfc3339 } from '../../../apiserver/registry/generic/codec.js';
import { writeJson } from '../../../apiserver/response/write.js';
import { evictPod } from './eviction.js';

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

export const POD_SUBRESOURCES: Record<string, SubresourceHandler> = {
  binding: bindPod,
  eviction: evictPod,
  log: nodeStreamUnavailable,
  exec: nodeStreamUnavailable,
  attach: nodeStreamUnavailable,
  portforward: nodeStreamUnavailable,
  proxy: nodeStreamUnavailable,
};
