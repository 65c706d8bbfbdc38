/**
 * The per-cycle view of the cluster (upstream's cache.Snapshot): NodeInfo copies of every node, kept by the cache
 * (SchedulerCache.updateSnapshot) and refreshed incrementally at the start of each scheduling cycle — only the
 * NodeInfos that changed since are copied again, in place, so the lists below keep their objects. Plugins read it
 * through Handle.snapshot() and must not change it.
 */
import type { NodeInfoLister } from '../framework/interface.js';
import type { NodeInfo } from '../framework/types.js';

/** How many updates, and how many NodeInfos in all, the change records keep. */
const MAX_CHANGE_RECORDS = 256;
const MAX_CHANGED_INFOS = 4096;

export class Snapshot implements NodeInfoLister {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  /** Every node, zones interleaved (see NodeTree). */
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityNodeInfoList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityNodeInfoList: NodeInfo[] = [];
  /** The cache generation this snapshot reflects; 0 = never updated. */
  generation = 0;
  /**
   * The NodeInfos each recent update copied in place, oldest first (`from` is the generation before that update):
   * plugins that keep per-node results between cycles recount only these (changedSince). Bounded: a reader that
   * fell further behind recounts everything.
   */
  private changes: { from: number; infos: NodeInfo[] }[] = [];
  private changedInfos = 0;

  /** Records the NodeInfos one update from generation `from` changed (SchedulerCache.updateSnapshot calls it). */
  recordChanges(from: number, infos: NodeInfo[]): void {
    this.changes.push({ from, infos });
    this.changedInfos += infos.length;
    while (this.changes.length > 1 && (this.changes.length > MAX_CHANGE_RECORDS || this.changedInfos > MAX_CHANGED_INFOS)) {
      this.changedInfos -= this.changes.shift()!.infos.length;
    }
  }

  /**
   * The NodeInfos changed since the snapshot was at `generation` (duplicates possible), or undefined when that is
   * no longer known (older than the records kept). Says nothing about nodes added or removed: those replace
   * nodeInfoList, which readers compare by identity.
   */
  changedSince(generation: number): NodeInfo[] | undefined {
    if (generation === this.generation) return [];
    if (generation > this.generation) return undefined;
    const first = this.changes.findIndex((c) => c.from >= generation);
    if (first < 0 || this.changes[first]!.from !== generation) return undefined;
    const out: NodeInfo[] = [];
    for (let i = first; i < this.changes.length; i++) for (const info of this.changes[i]!.infos) out.push(info);
    return out;
  }

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
