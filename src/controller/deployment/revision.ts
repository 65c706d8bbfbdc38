/**
 * The annotations the deployment controller keeps on replica sets: the revision (and, when an old set is reused by a
 * rollback, the revisions it had before), the deployment's own annotations, and desired/max replicas used by
 * proportional scaling.
 */
import {
  DESIRED_REPLICAS,
  LAST_APPLIED,
  MAX_REPLICAS,
  MAX_REV_HISTORY_CHARS,
  REVISION,
  REVISION_HISTORY,
  ROLLBACK_TO,
  type DeploymentObject,
  type ReplicaSetObject,
} from './types.js';

const NOT_COPIED = new Set([LAST_APPLIED, REVISION, REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, ROLLBACK_TO]);

/** Copies the deployment's annotations (but the controller's own) onto the replica set; true when any changed. */
export function copyDeploymentAnnotations(d: Readonly<DeploymentObject>, rs: ReplicaSetObject): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (NOT_COPIED.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

/** Sets desired- and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSetObject, desired: number, max: number): boolean {
  const ann = (rs.metadata!.annotations ??= {});
  if (ann[DESIRED_REPLICAS] === String(desired) && ann[MAX_REPLICAS] === String(max)) return false;
  ann[DESIRED_REPLICAS] = String(desired);
  ann[MAX_REPLICAS] = String(max);
  return true;
}

export const replicasAnnotationsNeedUpdate = (rs: Readonly<ReplicaSetObject>, desired: number, max: number): boolean =>
  rs.metadata?.annotations?.[DESIRED_REPLICAS] !== String(desired) || rs.metadata?.annotations?.[MAX_REPLICAS] !== String(max);

/** Appends `old` to the revision history, dropping the oldest entries to stay within the limit. */
function appendHistory(history: string | undefined, old: string): string | undefined {
  const entries = history ? history.split(',') : [];
  entries.push(old);
  while (entries.join(',').length > MAX_REV_HISTORY_CHARS && entries.length > 1) entries.shift();
  const text = entries.join(',');
  return text.length <= MAX_REV_HISTORY_CHARS ? text : history;
}

/**
 * The new replica set's annotations (upstream's SetNewReplicaSetAnnotations): a higher revision replaces the old
 * one, which goes to the revision history (a rollback reusing the set); a set being created also gets the replicas
 * annotations. True when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Readonly<DeploymentObject>, rs: ReplicaSetObject, newRevision: number, exists: boolean, maxReplicas: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const ann = rs.metadata!.annotations!;
  const old = ann[REVISION];
  const oldNum = old === undefined ? 0 : Number(old);
  if (!Number.isInteger(oldNum)) return changed;
  if (oldNum < newRevision) {
    ann[REVISION] = String(newRevision);
    changed = true;
    if (old !== undefined) {
      const h = appendHistory(ann[REVISION_HISTORY], old);
      if (h !== undefined) ann[REVISION_HISTORY] = h;
    }
  }
  if (!exists && setReplicasAnnotations(rs, d.spec?.replicas ?? 1, maxReplicas)) changed = true;
  return changed;
}
