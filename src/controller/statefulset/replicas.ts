/**
 * The first half of upstream's updateStatefulSet: the pods sorted into the slots [start, start+replicas) — a
 * placeholder pod (no uid) for each missing ordinal, built from the current or the update revision — and the
 * condemned pods past the end, with the status counts of what exists.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import { endOrdinal, getOrdinal, newStatefulSetPod, podRevision, startOrdinal } from './identity.js';
import { isCreated, isHealthy, isRunningAndAvailable, isRunningAndReady, isTerminating } from './pod-state.js';
import type { RevisionObject } from '../history/revisions.js';
import type { P, PodObject, S, StatefulSetDeps } from './types.js';

/** Everything one pass over a set works on; `status` is updated as pods are created and deleted. */
export interface Round {
  d: StatefulSetDeps;
  set: S;
  currentSet: S;
  updateSet: S;
  current: Readonly<RevisionObject>;
  update: Readonly<RevisionObject>;
  status: StatefulSetStatus;
  /** One per ordinal in range, in ordinal order. */
  replicas: P[];
  /** Pods past the range, highest ordinal first. */
  condemned: P[];
  /** OrderedReady: one pod at a time, each waiting for its predecessors to be Running and Ready. */
  monotonic: boolean;
  firstUnhealthy: P | undefined;
  now: Date;
}

/**
 * The pod a missing ordinal gets (upstream's newVersionedStatefulSetPod): below the partition, the current
 * revision's template; otherwise the update revision's.
 */
export function newVersionedPod(r: Pick<Round, 'currentSet' | 'updateSet' | 'current' | 'update'>, ordinal: number): PodObject {
  const s = r.currentSet;
  const partition = s.spec?.updateStrategy?.rollingUpdate?.partition;
  const rolling = (s.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const belowCurrent = partition === undefined
    ? rolling && ordinal < startOrdinal(s) + (s.status?.currentReplicas ?? 0)
    : ordinal < startOrdinal(s) + partition;
  if (belowCurrent) return newStatefulSetPod(s, ordinal, r.current.metadata?.name ?? '');
  return newStatefulSetPod(r.updateSet, ordinal, r.update.metadata?.name ?? '');
}

/** Counts what exists (replicas, ready, available, current, updated) into `status`. */
export function countPods(r: Pick<Round, 'set' | 'current' | 'update' | 'status' | 'now'>, pods: readonly P[]): void {
  const minReady = r.set.spec?.minReadySeconds ?? 0;
  const s = r.status;
  for (const p of pods) {
    s.replicas++;
    if (isRunningAndReady(p)) {
      s.readyReplicas = (s.readyReplicas ?? 0) + 1;
      if (isRunningAndAvailable(p, minReady, r.now)) s.availableReplicas = (s.availableReplicas ?? 0) + 1;
    }
    if (isCreated(p) && !isTerminating(p)) addRevisionCount(r, p, 1);
  }
}

/** Adds `delta` to currentReplicas / updatedReplicas by the pod's revision. */
export function addRevisionCount(r: Pick<Round, 'current' | 'update' | 'status'>, p: P, delta: number): void {
  const rev = podRevision(p);
  if (rev === r.current.metadata?.name) r.status.currentReplicas = (r.status.currentReplicas ?? 0) + delta;
  if (rev === r.update.metadata?.name) r.status.updatedReplicas = (r.status.updatedReplicas ?? 0) + delta;
}

/** Fills `replicas` (with placeholders), `condemned` and `firstUnhealthy`. */
export function sortIntoSlots(r: Round, pods: readonly P[]): void {
  const start = startOrdinal(r.set);
  const end = endOrdinal(r.set);
  const slots: (P | undefined)[] = new Array<P | undefined>(Math.max(0, end - start)).fill(undefined);
  for (const p of pods) {
    const ord = getOrdinal(p);
    if (ord >= start && ord < end) slots[ord - start] = p;
    else if (ord >= 0) r.condemned.push(p);
  }
  r.replicas = slots.map((p, i) => p ?? newVersionedPod(r, start + i));
  r.condemned.sort((a, b) => getOrdinal(b) - getOrdinal(a));
  r.firstUnhealthy = r.replicas.find((p) => !isHealthy(p)) ?? [...r.condemned].reverse().find((p) => !isHealthy(p));
}
