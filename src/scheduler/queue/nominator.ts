/**
 * Nominated pods per node (upstream's nominator): a preemptor waits for its victims to leave, and meanwhile the
 * node's room is held for it (filters of lower-priority pods count it, see runFilterPluginsWithNominatedPods). A pod
 * is nominated to at most one node; a pod already bound (spec.nodeName) is never nominated.
 */
import type { PodInfo, P } from '../framework/types.js';
import { podUid } from './queued-pod.js';

const NO_PODS: readonly PodInfo[] = Object.freeze([]);

export class Nominator {
  private readonly podsByNode = new Map<string, PodInfo[]>();
  private readonly nodeByPod = new Map<string, string>();

  /**
   * Nominates the pod to `nodeName`, or, when it is empty, to the node of its status.nominatedNodeName (upstream's
   * ModeNoop; with neither, any nomination of the pod is dropped). Always replaces the stored PodInfo.
   */
  add(pi: PodInfo, nodeName = ''): void {
    this.delete(pi.pod);
    const node = nodeName || pi.pod.status?.nominatedNodeName || '';
    if (!node || pi.pod.spec?.nodeName) return;
    this.nodeByPod.set(podUid(pi.pod), node);
    const list = this.podsByNode.get(node);
    if (list) list.push(pi);
    else this.podsByNode.set(node, [pi]);
  }

  delete(pod: P): void {
    const uid = podUid(pod);
    const node = this.nodeByPod.get(uid);
    if (node === undefined) return;
    this.nodeByPod.delete(uid);
    const rest = (this.podsByNode.get(node) ?? []).filter((x) => podUid(x.pod) !== uid);
    if (rest.length > 0) this.podsByNode.set(node, rest);
    else this.podsByNode.delete(node);
  }

  /**
   * The pod changed. When neither version carries status.nominatedNodeName the nomination held in memory is kept:
   * an update that predates the status write of a fresh nomination must not drop it. Otherwise the new status wins
   * (nomination added, moved or cleared). The PodInfo is replaced in every case.
   */
  update(oldPod: P, newPi: PodInfo): void {
    const held = this.nodeByPod.get(podUid(oldPod));
    const keep = !oldPod.status?.nominatedNodeName && !newPi.pod.status?.nominatedNodeName && held !== undefined;
    this.delete(oldPod);
    this.add(newPi, keep ? held : '');
  }

  /** Refreshes the stored PodInfo of a nominated pod, keeping its node; adds one from its status otherwise. */
  refresh(pi: PodInfo): void {
    const held = this.nodeByPod.get(podUid(pi.pod));
    if (held !== undefined || pi.pod.status?.nominatedNodeName) this.add(pi, pi.pod.status?.nominatedNodeName || held);
  }

  nodeOf(pod: P): string | undefined {
    return this.nodeByPod.get(podUid(pod));
  }

  /** A copy (the caller may hold it across changes); the shared empty list for a node without nominations. */
  podsForNode(nodeName: string): readonly PodInfo[] {
    if (this.podsByNode.size === 0) return NO_PODS;
    const list = this.podsByNode.get(nodeName);
    return list ? [...list] : NO_PODS;
  }
}
