/**
 * A NodeInfoLister over fixed pods and nodes, for plugin unit tests (the runtime's real snapshot comes from the
 * scheduler cache). Pods are placed by spec.nodeName; image states are computed as the cache does.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { NodeInfoLister } from '../framework/interface.js';
import { NodeInfo } from '../framework/types.js';

export function newTestSnapshot(pods: readonly Pod[], nodes: readonly Node[]): NodeInfoLister {
  const infos = new Map<string, NodeInfo>();
  for (const n of nodes) infos.set(n.metadata!.name!, new NodeInfo(n));
  const counts = new Map<string, number>();
  for (const n of nodes) for (const img of n.status?.images ?? []) for (const name of img.names ?? []) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const info of infos.values()) {
    for (const img of info.node?.status?.images ?? []) {
      for (const name of img.names ?? []) info.imageStates.set(name, { size: img.sizeBytes ?? 0, numNodes: counts.get(name) ?? 0 });
    }
  }
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (!n) continue;
    let info = infos.get(n);
    if (!info) infos.set(n, (info = new NodeInfo()));
    info.addPod(p);
  }
  const list = [...infos.values()];
  return {
    list: () => list,
    havePodsWithAffinityList: () => list.filter((i) => i.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinityList: () => list.filter((i) => i.podsWithRequiredAntiAffinity.length > 0),
    get: (name) => infos.get(name),
  };
}
