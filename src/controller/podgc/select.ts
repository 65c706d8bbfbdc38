/**
 * Which pods the pod garbage collector removes (upstream's gcTerminated, gcOrphaned, gcUnscheduledTerminating and
 * gcTerminating), as pure functions over cached pods and nodes.
 */
import type { Node, Pod } from 'kubernetes-types/core/v1.js';

export type PodObject = Pod;
export type NodeObject = Node;

export const TAINT_NODE_OUT_OF_SERVICE = 'node.kubernetes.io/out-of-service';

export const isPodTerminated = (p: Readonly<Pod>): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isEvicted = (p: Readonly<Pod>): boolean => p.status?.phase === 'Failed' && p.status.reason === 'Evicted';

/** Evicted pods first, then oldest first (ties by name), as upstream's byEvictionAndCreationTimestamp. */
function deletionOrder(a: Readonly<PodObject>, b: Readonly<PodObject>): number {
  if (isEvicted(a) !== isEvicted(b)) return isEvicted(a) ? -1 : 1;
  const ta = Date.parse(String(a.metadata?.creationTimestamp ?? ''));
  const tb = Date.parse(String(b.metadata?.creationTimestamp ?? ''));
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** The terminated pods over `threshold`, the ones to delete first. A threshold ≤ 0 disables this. */
export function terminatedOverThreshold(pods: readonly Readonly<PodObject>[], threshold: number): Readonly<PodObject>[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter(isPodTerminated);
  const excess = terminated.length - threshold;
  return excess > 0 ? [...terminated].sort(deletionOrder).slice(0, excess) : [];
}

/** Node names that pods are bound to but that the node cache does not hold. */
export function missingNodeNames(pods: readonly Readonly<PodObject>[], nodeExists: (name: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const p of pods) {
    const n = p.spec?.nodeName;
    if (n && !nodeExists(n)) out.add(n);
  }
  return out;
}

/** Pods being deleted that were never scheduled: no kubelet will ever finish them. */
export const unscheduledTerminating = (pods: readonly Readonly<PodObject>[]): Readonly<PodObject>[] =>
  pods.filter((p) => p.metadata?.deletionTimestamp && !p.spec?.nodeName);

const nodeReady = (n: Readonly<NodeObject>): boolean => (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** Terminating pods on not-Ready nodes that an operator tainted out-of-service (non-graceful node shutdown). */
export function terminatingOnOutOfService(pods: readonly Readonly<PodObject>[], getNode: (name: string) => Readonly<NodeObject> | undefined): Readonly<PodObject>[] {
  return pods.filter((p) => {
    if (!p.metadata?.deletionTimestamp || isPodTerminated(p) || !p.spec?.nodeName) return false;
    const node = getNode(p.spec.nodeName);
    return !!node && !nodeReady(node) && (node.spec?.taints ?? []).some((t) => t.key === TAINT_NODE_OUT_OF_SERVICE);
  });
}
