/**
 * The status written after every pass (upstream's updateStatefulSetStatus): the counts of the pass, the revisions,
 * and — once a RollingUpdate has every replica updated and ready — the update revision becomes the current one.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import { STATEFUL_SETS } from '../../client/resources.js';
import { isConflictStatus } from '../../machinery/errors/status.js';
import type { S, StatefulSetDeps, StatefulSetObject } from './types.js';

/** upstream's completeRollingUpdate. */
export function completeRollingUpdate(set: S, status: StatefulSetStatus): void {
  const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

const FIELDS = [
  'observedGeneration', 'replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas',
  'currentRevision', 'updateRevision', 'collisionCount',
] as const;

/** True when writing `next` would change a field this controller owns. */
export function statusChanged(set: S, next: StatefulSetStatus): boolean {
  const cur = set.status ?? ({} as StatefulSetStatus);
  return FIELDS.some((k) => (cur[k] ?? 0) !== (next[k] ?? 0));
}

/** PUT status/ when it changed; one retry on a conflict with a fresh read. */
export async function writeStatus(d: StatefulSetDeps, set: S, status: StatefulSetStatus): Promise<void> {
  if (!statusChanged(set, status)) return;
  const ns = set.metadata?.namespace ?? '';
  const next = { ...structuredClone(set), status: { ...set.status, ...status } } as StatefulSetObject;
  try {
    await d.client.update(STATEFUL_SETS, ns, next, { subresource: 'status' });
  } catch (err) {
    if (!isConflictStatus(err)) throw err;
    const fresh = await d.client.get<StatefulSetObject>(STATEFUL_SETS, ns, set.metadata?.name ?? '');
    await d.client.update(STATEFUL_SETS, ns, { ...fresh, status: next.status }, { subresource: 'status' });
  }
}
