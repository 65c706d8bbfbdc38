/**
 * The status written after every sync (upstream's updateDaemonSetStatus): per node that should run the daemon,
 * whether it has a pod and whether the oldest one is ready, available and updated; pods on nodes that should not
 * run one are misscheduled.
 */
import type { DaemonSetStatus } from 'kubernetes-types/apps/v1.js';
import { DAEMON_SETS } from '../../client/resources.js';
import { isConflictStatus } from '../../machinery/errors/status.js';
import { isPodAvailable, isPodReady } from '../replicaset/pod-status.js';
import { nodeShouldRunDaemonPod } from './predicates.js';
import { byCreationTimestampAndPhase, isPodUpdated, templateGeneration } from './pods.js';
import type { D, DaemonSetDeps, DaemonSetObject, N, P } from './types.js';

export function calculateStatus(ds: D, nodes: readonly N[], byNode: ReadonlyMap<string, P[]>, hash: string, now: Date): DaemonSetStatus {
  const s: DaemonSetStatus = {
    desiredNumberScheduled: 0, currentNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0,
    updatedNumberScheduled: 0, numberAvailable: 0, numberUnavailable: 0,
  };
  const minReady = ds.spec?.minReadySeconds ?? 0;
  for (const node of nodes) {
    const pods = byNode.get(node.metadata?.name ?? '') ?? [];
    if (!nodeShouldRunDaemonPod(node, ds).shouldRun) {
      if (pods.length > 0) s.numberMisscheduled++;
      continue;
    }
    s.desiredNumberScheduled++;
    if (pods.length === 0) continue;
    s.currentNumberScheduled++;
    const oldest = [...pods].sort(byCreationTimestampAndPhase)[0]!;
    if (isPodReady(oldest)) {
      s.numberReady++;
      if (isPodAvailable(oldest, minReady, now)) s.numberAvailable = (s.numberAvailable ?? 0) + 1;
    }
    if (isPodUpdated(oldest, hash, templateGeneration(ds))) s.updatedNumberScheduled = (s.updatedNumberScheduled ?? 0) + 1;
  }
  s.numberUnavailable = s.desiredNumberScheduled - (s.numberAvailable ?? 0);
  return s;
}

const FIELDS = [
  'desiredNumberScheduled', 'currentNumberScheduled', 'numberMisscheduled', 'numberReady', 'updatedNumberScheduled',
  'numberAvailable', 'numberUnavailable',
] as const;

/**
 * PUT status/ unless nothing changed and observedGeneration is current; one retry on a conflict with a fresh
 * read. observedGeneration advances only after a full sync (`observe`), not while expectations are pending.
 */
export async function storeStatus(d: DaemonSetDeps, ds: D, s: DaemonSetStatus, observe: boolean): Promise<void> {
  const cur = ds.status;
  const generation = ds.metadata?.generation as number | undefined;
  const same = FIELDS.every((k) => (cur?.[k] ?? 0) === (s[k] ?? 0));
  if (same && (cur?.observedGeneration ?? 0) >= (generation ?? 0)) return;
  const status: DaemonSetStatus = { ...cur, ...s };
  if (observe && generation !== undefined) status.observedGeneration = generation;
  const ns = ds.metadata?.namespace ?? '';
  try {
    await d.client.update(DAEMON_SETS, ns, { ...structuredClone(ds), status } as DaemonSetObject, { subresource: 'status' });
  } catch (err) {
    if (!isConflictStatus(err)) throw err;
    const fresh = await d.client.get<DaemonSetObject>(DAEMON_SETS, ns, ds.metadata?.name ?? '');
    await d.client.update(DAEMON_SETS, ns, { ...fresh, status: { ...fresh.status, ...status } }, { subresource: 'status' });
  }
}
