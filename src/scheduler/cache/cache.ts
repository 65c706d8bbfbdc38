/**
 * The scheduler cache (upstream's internal/cache): a NodeInfo per node with the pods on it, including pods the
 * scheduler has *assumed* there before the API confirmed the binding.
 *
 * Pod lifecycle (keys are pod uids):
 *   assumePod (decision) → finishBinding (bind call returned) → addPod (the informer shows it bound: confirmed)
 *   assumePod → forgetPod (binding failed)
 *   addPod → updatePod* → removePod (assigned pods seen by the informer)
 * An assumed pod whose binding finished expires after `assumedPodTTLMs` if the informer never confirms it; as in
 * upstream the TTL is 0 (never expires) by default.
 *
 * Every change moves the node's entry to the head of a list and gives it a new generation, so updateSnapshot walks
 * only the entries changed since the snapshot's generation: O(changed nodes), not O(nodes), per cycle.
 */
import type { Clock } from '../../machinery/clock/clock.js';
import { nopLogger, type Logger } from '../../machinery/log/logger.js';
import { NodeInfo, podKey, type N, type P } from '../framework/types.js';
import { ImageStates } from './image-states.js';
import { NodeList } from './node-list.js';
import { NodeTree } from './node-tree.js';
import type { Snapshot } from './snapshot.js';

interface PodState {
  pod: P;
  /** When an assumed pod whose binding finished expires (ms); undefined = never. */
  deadline?: number;
  bindingFinished: boolean;
}

export interface CacheOptions {
  clock: Clock;
  logger?: Logger;
  /** 0 (default) = assumed pods never expire. */
  assumedPodTTLMs?: number;
}

const keyOf = (p: P): string => p.metadata?.uid || podKey(p);
const describe = (p: P): string => `${keyOf(p)}(${podKey(p)})`;

export class SchedulerCache {
  private readonly nodes = new NodeList();
  private readonly tree = new NodeTree();
  private readonly images = new ImageStates();
  private readonly podStates = new Map<string, PodState>();
  private readonly assumed = new Set<string>();
  private readonly log: Logger;

  constructor(private readonly o: CacheOptions) {
    this.log = o.logger ?? nopLogger;
  }

  // ---- pods ----

  /** Places a pod (spec.nodeName set to the chosen node) before its binding is confirmed. */
  assumePod(pod: P): void {
    const key = keyOf(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${describe(pod)} is in the cache, so can't be assumed`);
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, bindingFinished: false });
    this.assumed.add(key);
  }

  /** The bind call returned: from now on the assumed pod may expire (when a TTL is configured). */
  finishBinding(pod: P): void {
    const st = this.podStates.get(keyOf(pod));
    if (!st || !this.assumed.has(keyOf(pod))) return;
    const ttl = this.o.assumedPodTTLMs ?? 0;
    if (ttl > 0) st.deadline = this.o.clock.now().getTime() + ttl;
    st.bindingFinished = true;
  }

  /** Undoes assumePod (binding failed). */
  forgetPod(pod: P): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (st && st.pod.spec?.nodeName !== pod.spec?.nodeName) {
      throw new Error(`pod ${describe(pod)} was assumed on ${pod.spec?.nodeName} but assigned to ${st.pod.spec?.nodeName}`);
    }
    if (!st || !this.assumed.has(key)) throw new Error(`pod ${describe(pod)} wasn't assumed so cannot be forgotten`);
    this.removePodFromNode(st.pod);
    this.podStates.delete(key);
    this.assumed.delete(key);
  }

  /** An assigned pod seen by the informer: confirms an assumed pod, or adds a pod bound by someone else. */
  addPod(pod: P): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (st && this.assumed.has(key)) {
      if (st.pod.spec?.nodeName !== pod.spec?.nodeName) {
        this.log.info('Pod was added to a different node than it was assumed', { pod: podKey(pod), assumedNode: st.pod.spec?.nodeName, currentNode: pod.spec?.nodeName });
      }
      this.replacePod(st.pod, pod);
      this.assumed.delete(key);
      st.deadline = undefined;
      st.pod = pod;
      return;
    }
    if (st) throw new Error(`pod ${describe(pod)} was already in added state`);
    // Not known (or its assumption expired): add it.
    this.addPodToNode(pod);
    this.podStates.set(key, { pod, bindingFinished: false });
  }

  updatePod(oldPod: P, newPod: P): void {
    const key = keyOf(oldPod);
    const st = this.podStates.get(key);
    if (!st) throw new Error(`pod ${describe(oldPod)} is not added to scheduler cache, so cannot be updated`);
    // An assumed pod gets an add (its confirmation) before any update.
    if (this.assumed.has(key)) throw new Error(`assumed pod ${describe(oldPod)} should not be updated`);
    if (st.pod.spec?.nodeName !== newPod.spec?.nodeName) {
      this.log.error('Pod updated on a different node than previously added to; the scheduler cache may be corrupted', { pod: podKey(oldPod) });
    }
    this.replacePod(st.pod, newPod);
    st.pod = newPod;
  }

  removePod(pod: P): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (!st) throw new Error(`pod ${describe(pod)} is not found in scheduler cache, so cannot be removed from it`);
    if (st.pod.spec?.nodeName !== pod.spec?.nodeName) {
      this.log.error('Pod was added to a different node than it was removed from; the scheduler cache may be corrupted', { pod: podKey(pod) });
    }
    this.removePodFromNode(st.pod);
    this.podStates.delete(key);
    this.assumed.delete(key);
  }

  isAssumedPod(pod: P): boolean {
    return this.assumed.has(keyOf(pod));
  }

  /** The cached version of a pod (assumed or added). */
  getPod(pod: P): P | undefined {
    return this.podStates.get(keyOf(pod))?.pod;
  }

  /** Expires assumed pods whose binding finished before `nowMs` − TTL; returns them. */
  cleanupAssumedPods(nowMs: number): P[] {
    const expired: P[] = [];
    for (const key of this.assumed) {
      const st = this.podStates.get(key)!;
      if (!st.bindingFinished || st.deadline === undefined || nowMs <= st.deadline) continue;
      this.log.info('Pod expired', { pod: podKey(st.pod), node: st.pod.spec?.nodeName });
      this.removePodFromNode(st.pod);
      this.podStates.delete(key);
      this.assumed.delete(key);
      expired.push(st.pod);
    }
    return expired;
  }

  private replacePod(oldPod: P, newPod: P): void {
    this.removePodFromNode(oldPod);
    this.addPodToNode(newPod);
  }

  private addPodToNode(pod: P): void {
    const name = pod.spec?.nodeName ?? '';
    // A pod may be seen before its node (different watches): keep it on a node-less NodeInfo until the node comes.
    const item = this.nodes.getOrCreate(name);
    item.info.addPod(pod);
    this.nodes.touch(item);
  }

  private removePodFromNode(pod: P): void {
    const name = pod.spec?.nodeName ?? '';
    const item = this.nodes.get(name);
    if (!item || !item.info.removePod(pod)) {
      this.log.error('Pod to remove was not on its node in the scheduler cache', { pod: podKey(pod), node: name });
      return;
    }
    this.nodes.touch(item);
    if (!item.info.node && item.info.pods.length === 0) this.nodes.remove(name);
  }

  // ---- nodes ----

  addNode(node: N): NodeInfo {
    return this.setNode(node);
  }

  /** As addNode: the cached node, not `oldNode`, is what gets replaced. */
  updateNode(_oldNode: N | undefined, newNode: N): NodeInfo {
    return this.setNode(newNode);
  }

  private setNode(node: N): NodeInfo {
    const name = node.metadata?.name ?? '';
    const item = this.nodes.getOrCreate(name);
    const previous = item.info.node;
    if (previous) this.images.removeNode(previous);
    this.tree.updateNode(previous, node);
    item.info.setNode(node);
    item.info.imageStates = this.images.addNode(node);
    this.nodes.touch(item);
    return item.info;
  }

  /**
   * The node is gone. Its NodeInfo stays (without a node, outside snapshots) while pods are still on it: their
   * deletions arrive on another watch and may come later.
   */
  removeNode(node: N): void {
    const name = node.metadata?.name ?? '';
    const item = this.nodes.get(name);
    if (!item) throw new Error(`node ${name} is not found`);
    const cached = item.info.node ?? node;
    item.info.node = undefined;
    item.info.generation++;
    if (item.info.pods.length === 0) this.nodes.remove(name);
    else this.nodes.touch(item);
    this.tree.removeNode(cached);
    this.images.removeNode(cached);
  }

  nodeCount(): number {
    return this.tree.numNodes;
  }

  podCount(): number {
    return this.podStates.size;
  }

  assumedPodCount(): number {
    return this.assumed.size;
  }

  /** The live NodeInfo of a node (tests and debugging; schedule from a Snapshot). */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.nodes.get(name)?.info;
  }

  // ---- snapshot ----

  /**
   * Brings `snap` up to date: copies the NodeInfos changed since its generation (in place, so list membership is
   * kept), drops deleted nodes, and rebuilds the lists only when nodes came or went or a node started or stopped
   * having pods with (required anti-)affinity.
   */
  updateSnapshot(snap: Snapshot): void {
    let updateAll = false;
    let updateAffinity = false;
    let updateAnti = false;
    const changed: NodeInfo[] = [];
    for (const { info } of this.nodes.changedSince(snap.generation)) {
      if (!info.node) continue;
      let existing = snap.nodeInfoMap.get(info.name);
      if (!existing) {
        updateAll = true;
        snap.nodeInfoMap.set(info.name, (existing = new NodeInfo()));
      }
      const copy = info.clone();
      if (existing.podsWithAffinity.length > 0 !== copy.podsWithAffinity.length > 0) updateAffinity = true;
      if (existing.podsWithRequiredAntiAffinity.length > 0 !== copy.podsWithRequiredAntiAffinity.length > 0) updateAnti = true;
      Object.assign(existing, copy);
      changed.push(existing);
    }
    const from = snap.generation;
    snap.generation = this.nodes.latestGeneration();
    if (snap.generation !== from) snap.recordChanges(from, changed);
    if (snap.nodeInfoMap.size > this.tree.numNodes) {
      this.removeDeletedNodes(snap);
      updateAll = true;
    }
    if (updateAll || updateAffinity || updateAnti) this.updateLists(snap, updateAll);
    if (snap.nodeInfoList.length !== this.tree.numNodes) {
      this.log.error('Snapshot state is not consistent with the cache; rebuilding its lists', {
        listed: snap.nodeInfoList.length,
        nodes: this.tree.numNodes,
      });
      this.updateLists(snap, true);
    }
  }

  private removeDeletedNodes(snap: Snapshot): void {
    for (const name of [...snap.nodeInfoMap.keys()]) {
      if (!this.nodes.get(name)?.info.node) snap.nodeInfoMap.delete(name);
    }
  }

  private updateLists(snap: Snapshot, all: boolean): void {
    if (all) {
      snap.nodeInfoList = [];
      for (const name of this.tree.list()) {
        const info = snap.nodeInfoMap.get(name);
        if (info) snap.nodeInfoList.push(info);
      }
    }
    snap.havePodsWithAffinityNodeInfoList = snap.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
    snap.havePodsWithRequiredAntiAffinityNodeInfoList = snap.nodeInfoList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
  }
}
