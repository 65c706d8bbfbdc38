/**
 * The per-cycle view of the cluster (upstream's cache.Snapshot): NodeInfo copies of every node, kept by the cache
 * (SchedulerCache.updateSnapshot) and refreshed incrementally at the start of each scheduling cycle — only the
 * NodeInfos that changed since are copied again, in place, so the lists below keep their objects. Plugins read it
 * through Handle.snapshot() and must not change it.
 */
import type { NodeInfoLister } from '../framework/interface.js';
import type { NodeInfo } from '../framework/types.js';

export class Snapshot implements NodeInfoLister {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  /** Every node, zones interleaved (see NodeTree). */
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityNodeInfoList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityNodeInfoList: NodeInfo[] = [];
  /** The cache generation this snapshot reflects; 0 = never updated. */
  generation = 0;

  list(): readonly NodeInfo[] {
    return this.nodeInfoList;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithAffinityNodeInfoList;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinityNodeInfoList;
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(nodeName);
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }
}
