/**
 * Recreate (upstream's rolloutRecreate): scale every old set to 0, wait until no old pod runs, then create or scale
 * up the new set to the full size.
 */
import type { PodObject } from '../replicaset/pod-status.js';
import { deploymentComplete } from './conditions.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision } from './newrs.js';
import { syncRolloutStatus } from './progress.js';
import { filterActive, sumStatus } from './replicasets.js';
import { scaleAndRecord } from './scale.js';
import { specReplicas, type DeploymentDeps, type DeploymentObject, type RS } from './types.js';

/** Pods by the uid of the replica set that controls them. */
export type PodMap = Map<string, readonly Readonly<PodObject>[]>;

export async function rolloutRecreate(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[], pods: PodMap): Promise<void> {
  let { newRS, old } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, false);
  let scaledDown = false;
  for (const rs of filterActive(old)) if ((await scaleAndRecord(deps, rs, 0, d)).scaled) scaledDown = true;
  if (scaledDown || oldPodsRunning(newRS, old, pods)) return syncRolloutStatus(deps, [...old, newRS], newRS, d);
  if (!newRS) ({ newRS, old } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, true));
  await scaleAndRecord(deps, newRS!, specReplicas(d), d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(deps, old, d);
  return syncRolloutStatus(deps, [...old, newRS], newRS, d);
}

/** Any old set still reporting pods, or any pod of an old set not finished (Unknown counts as running). */
function oldPodsRunning(newRS: RS | undefined, old: readonly RS[], pods: PodMap): boolean {
  if (sumStatus(old, 'replicas') > 0) return true;
  for (const [uid, list] of pods) {
    if (uid === newRS?.metadata?.uid) continue;
    if (list.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')) return true;
  }
  return false;
}
