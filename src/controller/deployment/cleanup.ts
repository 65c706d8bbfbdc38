/** revisionHistoryLimit: delete the oldest old replica sets beyond the limit, only those scaled to 0 and settled. */
import { REPLICA_SETS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { byRevision } from './replicasets.js';
import type { DeploymentDeps, DeploymentObject, RS } from './types.js';

export async function cleanupDeployment(deps: DeploymentDeps, old: readonly RS[], d: Readonly<DeploymentObject>): Promise<void> {
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const alive = old.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
  const diff = alive.length - limit;
  for (const rs of alive.slice(0, Math.max(0, diff))) {
    const settled = (rs.status?.replicas ?? 0) === 0 && (rs.spec?.replicas ?? 0) === 0 && (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
    if (!settled) continue;
    try {
      await deps.client.delete(REPLICA_SETS, rs.metadata?.namespace ?? '', rs.metadata?.name ?? '');
    } catch (err) {
      if (!isNotFoundStatus(err)) throw err;
    }
  }
}
