/**
 * RollingUpdate (upstream's rolloutRolling): scale the new set up within maxSurge, then old sets down without going
 * under replicas − maxUnavailable available pods; clean up once complete.
 *
 * Worked example, 10 replicas, surge 3, unavailable 2, all 10 old pods available: the new set goes to 3 (13 pods);
 * the old set may lose 13 − 8 − 3 (new, not yet available) = 2 → 8. As new pods become available the old set
 * shrinks and the new set grows, always ≤ 13 pods and ≥ 8 available.
 */
import { syncRolloutStatus } from './progress.js';
import { deploymentComplete } from './conditions.js';
import { maxUnavailable, newRSNewReplicas } from './replicas.js';
import { byCreation, filterActive, rsReplicas, sumReplicas, sumStatus } from './replicasets.js';
import { scaleAndRecord } from './scale.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision } from './newrs.js';
import { specReplicas, type DeploymentDeps, type DeploymentObject, type RS } from './types.js';

type D = Readonly<DeploymentObject>;

export async function rolloutRolling(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[]): Promise<void> {
  const { newRS, old } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, true);
  const all = [...old, newRS!];
  if (await reconcileNew(deps, all, newRS!, d)) return syncRolloutStatus(deps, all, newRS, d);
  if (await reconcileOld(deps, all, filterActive(old), newRS!, d)) return syncRolloutStatus(deps, all, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(deps, old, d);
  return syncRolloutStatus(deps, all, newRS, d);
}

async function reconcileNew(deps: DeploymentDeps, all: RS[], newRS: RS, d: D): Promise<boolean> {
  if (rsReplicas(newRS) === specReplicas(d)) return false;
  const size = rsReplicas(newRS) > specReplicas(d) ? specReplicas(d) : newRSNewReplicas(d, all, newRS);
  const { scaled, rs } = await scaleAndRecord(deps, newRS, size, d);
  all[all.length - 1] = rs;
  return scaled;
}

async function reconcileOld(deps: DeploymentDeps, all: RS[], old: RS[], newRS: RS, d: D): Promise<boolean> {
  if (sumReplicas(old) === 0) return false;
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newUnavailable = rsReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthy(deps, old, d, maxScaledDown);
  const scaledDown = await scaleDownOld(deps, [...cleaned.old, newRS], cleaned.old, d);
  return cleaned.count + scaledDown > 0;
}

/** Old pods that are not available go first: they cost no availability. */
async function cleanupUnhealthy(deps: DeploymentDeps, old: RS[], d: D, max: number): Promise<{ old: RS[]; count: number }> {
  const sorted = [...old].sort(byCreation);
  let total = 0;
  for (const [i, rs] of sorted.entries()) {
    if (total >= max) break;
    const unhealthy = rsReplicas(rs) - (rs.status?.availableReplicas ?? 0);
    if (rsReplicas(rs) === 0 || unhealthy <= 0) continue;
    const down = Math.min(max - total, unhealthy);
    sorted[i] = (await scaleAndRecord(deps, rs, rsReplicas(rs) - down, d)).rs;
    total += down;
  }
  return { old: sorted, count: total };
}

/** Then available old pods, oldest set first, down to replicas − maxUnavailable available in all. */
async function scaleDownOld(deps: DeploymentDeps, all: RS[], old: RS[], d: D): Promise<number> {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = sumStatus(all, 'availableReplicas');
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of [...old].sort(byCreation)) {
    if (total >= budget) break;
    if (rsReplicas(rs) === 0) continue;
    const down = Math.min(rsReplicas(rs), budget - total);
    await scaleAndRecord(deps, rs, rsReplicas(rs) - down, d);
    total += down;
  }
  return total;
}
