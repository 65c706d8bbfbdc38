/**
 * RollingUpdate (upstream's rollingUpdate in update.go), over the nodes that should run the daemon.
 *
 * Without surge (maxSurge 0): delete old pods while fewer than maxUnavailable nodes are unavailable, and let the
 * manage step create the new pods. E.g. 5 nodes, maxUnavailable 2, one new pod not yet available → 1 unavailable,
 * so one more old pod is deleted this pass; an old pod that is itself unavailable is always replaced.
 *
 * With surge: create a new pod beside an old one on up to maxSurge nodes (at once wherever the old pod is
 * unavailable), and delete the old pod once the new one is available.
 */
import { scaledValueFromIntOrPercent } from '../../machinery/intstr/intstr.js';
import { isPodAvailable } from '../replicaset/pod-status.js';
import { syncNodes, type NodePlan } from './manage.js';
import { nodeShouldRunDaemonPod } from './predicates.js';
import { isPodUpdated, templateGeneration } from './pods.js';
import type { D, DaemonSetDeps, N, P } from './types.js';

interface OnNode {
  newPod?: P;
  oldPod?: P;
  /** False when there are several old or several new pods: the manage step sorts those out first. */
  ok: boolean;
}

export function findUpdatedPodsOnNode(ds: D, pods: readonly P[], hash: string): OnNode {
  const out: OnNode = { ok: true };
  const generation = templateGeneration(ds);
  for (const p of pods) {
    if (p.metadata?.deletionTimestamp) continue;
    const slot = isPodUpdated(p, hash, generation) ? 'newPod' : 'oldPod';
    if (out[slot]) return { ok: false };
    out[slot] = p;
  }
  return out;
}

/** The nodes wanting the daemon (with their pods), maxSurge and maxUnavailable (upstream's updatedDesiredNodeCounts). */
export function desiredNodeCounts(ds: D, nodes: readonly N[], byNode: ReadonlyMap<string, P[]>): { wanted: Map<string, P[]>; maxSurge: number; maxUnavailable: number } {
  const wanted = new Map<string, P[]>();
  for (const n of nodes) if (nodeShouldRunDaemonPod(n, ds).shouldRun) wanted.set(n.metadata?.name ?? '', byNode.get(n.metadata?.name ?? '') ?? []);
  for (const [name, pods] of byNode) if (!wanted.has(name)) wanted.set(name, pods);
  const desired = [...nodes].filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
  const ru = ds.spec?.updateStrategy?.rollingUpdate;
  let maxUnavailable = scaledValueFromIntOrPercent(ru?.maxUnavailable ?? 1, desired, true);
  const maxSurge = scaledValueFromIntOrPercent(ru?.maxSurge ?? 0, desired, true);
  // An impossible configuration (both 0) falls back to one unavailable at a time.
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { wanted, maxSurge, maxUnavailable };
}

function planWithoutSurge(ds: D, wanted: ReadonlyMap<string, P[]>, hash: string, maxUnavailable: number, now: Date): NodePlan {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  let unavailable = 0;
  const replace: P[] = [];
  const candidates: P[] = [];
  for (const name of [...wanted.keys()].sort()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, wanted.get(name)!, hash);
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) unavailable++;
    else if (newPod) {
      if (!isPodAvailable(newPod, minReady, now)) unavailable++;
    } else if (!isPodAvailable(oldPod!, minReady, now)) replace.push(oldPod!);
    else if (unavailable < maxUnavailable) candidates.push(oldPod!);
  }
  const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return { create: [], delete: [...replace, ...candidates.slice(0, room)] };
}

function planWithSurge(d: DaemonSetDeps, ds: D, wanted: ReadonlyMap<string, P[]>, hash: string, maxSurge: number, now: Date): NodePlan {
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const plan: NodePlan = { create: [], delete: [] };
  const candidates: string[] = [];
  let surging = 0;
  for (const name of [...wanted.keys()].sort()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, wanted.get(name)!, hash);
    if (!ok) surging++;
    else if (!oldPod) continue;
    else if (newPod) {
      if (isPodAvailable(newPod, minReady, now)) plan.delete.push(oldPod);
      else surging++;
    } else if (!isPodAvailable(oldPod, minReady, now)) {
      const node = d.nodes.get('', name);
      if (node && nodeShouldRunDaemonPod(node, ds).shouldRun) plan.create.push(name);
      else plan.delete.push(oldPod);
    } else if (surging < maxSurge) candidates.push(name);
  }
  const room = Math.min(Math.max(0, maxSurge - surging), candidates.length);
  plan.create.push(...candidates.slice(0, room));
  return plan;
}

export async function rollingUpdate(d: DaemonSetDeps, ds: D, nodes: readonly N[], byNode: ReadonlyMap<string, P[]>, hash: string): Promise<void> {
  const { wanted, maxSurge, maxUnavailable } = desiredNodeCounts(ds, nodes, byNode);
  const now = d.clock.now();
  const plan = maxSurge === 0 ? planWithoutSurge(ds, wanted, hash, maxUnavailable, now) : planWithSurge(d, ds, wanted, hash, maxSurge, now);
  await syncNodes(d, ds, plan, hash);
}
