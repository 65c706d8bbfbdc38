/**
 * Which pods a replica controller deletes first when it scales down (upstream's ActivePodsWithRanks):
 *   1. unassigned before assigned;
 *   2. Pending before Unknown before Running;
 *   3. not ready before ready;
 *   4. lower `controller.kubernetes.io/pod-deletion-cost` first;
 *   5. more pods of related replica sets on the same node first (spreads what stays);
 *   6. ready for a shorter time first (log2 buckets of the age, as LogarithmicScaleDown);
 *   7. more container restarts first;
 *   8. created more recently first (log2 buckets), then by name so the order is total.
 */
import { isPodReady, podReadyTime, type PodObject } from './pod-status.js';

type P = Readonly<PodObject>;

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const PHASE_ORDER: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

interface Ranked {
  pod: P;
  rank: number;
}

function deletionCost(p: P): number {
  const v = p.metadata?.annotations?.[POD_DELETION_COST];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

const restarts = (p: P): number => Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** log2 bucket of the age at `now`; a missing time is the youngest of all. */
function ageBucket(t: number | undefined, now: number): number {
  if (t === undefined) return -2;
  const age = (now - t) / 1000;
  return age <= 0 ? -1 : Math.floor(Math.log2(age));
}

const created = (p: P): number | undefined =>
  p.metadata?.creationTimestamp ? Date.parse(p.metadata.creationTimestamp) : undefined;

/** Negative when `a` should be deleted before `b`. */
function compare(a: Ranked, b: Ranked, now: number): number {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec?.nodeName ?? '';
  const nb = pb.spec?.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '' ? -1 : 1;
  const phase = (PHASE_ORDER[pa.status?.phase ?? ''] ?? 0) - (PHASE_ORDER[pb.status?.phase ?? ''] ?? 0);
  if (phase !== 0) return phase;
  const ra = isPodReady(pa);
  if (ra !== isPodReady(pb)) return ra ? 1 : -1;
  const cost = deletionCost(pa) - deletionCost(pb);
  if (cost !== 0) return cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (ra) {
    const d = ageBucket(podReadyTime(pa), now) - ageBucket(podReadyTime(pb), now);
    if (d !== 0) return d;
  }
  const r = restarts(pb) - restarts(pa);
  if (r !== 0) return r;
  const c = ageBucket(created(pa), now) - ageBucket(created(pb), now);
  if (c !== 0) return c;
  return (pa.metadata?.name ?? '').localeCompare(pb.metadata?.name ?? '');
}

/**
 * The `diff` pods to delete, preferring by the order above. `related` are the active pods of every replica set of
 * the same owner (the pods of this one included): a pod's rank is how many of them share its node.
 */
export function podsToDelete(pods: readonly P[], related: readonly P[], diff: number, now: Date): P[] {
  if (diff >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const n = p.spec?.nodeName;
    if (n) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  }
  const ranked = pods.map((pod) => ({ pod, rank: pod.spec?.nodeName ? (perNode.get(pod.spec.nodeName) ?? 0) : 0 }));
  ranked.sort((a, b) => compare(a, b, now.getTime()));
  return ranked.slice(0, diff).map((r) => r.pod);
}
