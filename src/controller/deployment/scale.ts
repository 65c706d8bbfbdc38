/**
 * Scaling replica sets: one set (with the ScalingReplicaSet event, upstream's messages), and the proportional
 * scaling of every active set when the deployment is resized in the middle of a rollout.
 */
import { REPLICA_SETS } from '../../client/resources.js';
import { maxSurge, isRollingUpdate, isSaturated, replicaSetProportion } from './replicas.js';
import { byCreation, bySizeNewer, bySizeOlder, filterActive, rsReplicas, sumReplicas } from './replicasets.js';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './revision.js';
import { specReplicas, type DeploymentDeps, type DeploymentObject, type ReplicaSetObject, type RS } from './types.js';

type D = Readonly<DeploymentObject>;

/** Sets the size (and the replicas annotations); records the event when the size changed. */
export async function scaleReplicaSet(deps: DeploymentDeps, rs: RS, size: number, d: D, op: 'up' | 'down'): Promise<{ scaled: boolean; rs: RS }> {
  const sizeChanges = rsReplicas(rs) !== size;
  const max = specReplicas(d) + maxSurge(d);
  if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, specReplicas(d), max)) return { scaled: false, rs };
  const copy = structuredClone(rs) as ReplicaSetObject;
  copy.spec = { ...copy.spec!, replicas: size };
  setReplicasAnnotations(copy, specReplicas(d), max);
  const stored = await deps.client.update<ReplicaSetObject>(REPLICA_SETS, rs.metadata?.namespace ?? '', copy);
  if (sizeChanges) {
    deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata?.name} to ${size} from ${rsReplicas(rs)}`);
  }
  return { scaled: sizeChanges, rs: stored };
}

export async function scaleAndRecord(deps: DeploymentDeps, rs: RS, size: number, d: D): Promise<{ scaled: boolean; rs: RS }> {
  if (rsReplicas(rs) === size) return { scaled: false, rs };
  return scaleReplicaSet(deps, rs, size, d, rsReplicas(rs) < size ? 'up' : 'down');
}

/** The only active set, or the newest when none is active; undefined when several are active. */
function activeOrLatest(newRS: RS | undefined, old: readonly RS[]): RS | undefined {
  if (!newRS && old.length === 0) return undefined;
  const active = filterActive([...old, newRS]);
  if (active.length === 1) return active[0];
  if (active.length > 1) return undefined;
  return newRS ?? [...old].sort(byCreation).at(-1);
}

/** Upstream's scale: bring the sets to the deployment's size, proportionally when a rollout is in flight. */
export async function scale(deps: DeploymentDeps, d: D, newRS: RS | undefined, old: readonly RS[]): Promise<void> {
  const single = activeOrLatest(newRS, old);
  if (single) {
    if (rsReplicas(single) !== specReplicas(d)) await scaleAndRecord(deps, single, specReplicas(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of filterActive(old)) await scaleAndRecord(deps, rs, 0, d);
    return;
  }
  if (isRollingUpdate(d)) await scaleProportionally(deps, d, filterActive([...old, newRS]));
}

/**
 * Worked example: 10 replicas (surge 3) mid-rollout with old 8 + new 5 = 13, resized to 20 (surge 5, 25 allowed):
 * 12 to add; the larger set goes first: old 8·25/13 = 15.4 → 15 (+7), new 5·25/13 = 9.6 → 10 (+5). Leftovers from
 * rounding go to the first (largest) set.
 */
async function scaleProportionally(deps: DeploymentDeps, d: D, active: RS[]): Promise<void> {
  const allowed = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - sumReplicas(active);
  const op = toAdd > 0 ? 'up' : 'down';
  active.sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  const sizes = new Map<RS, number>();
  let added = 0;
  for (const rs of active) {
    const p = toAdd === 0 ? 0 : replicaSetProportion(d, rs, toAdd, added);
    sizes.set(rs, rsReplicas(rs) + p);
    added += p;
  }
  for (const [i, rs] of active.entries()) {
    let size = sizes.get(rs)!;
    if (i === 0 && toAdd !== 0) size = Math.max(0, size + toAdd - added);
    await scaleReplicaSet(deps, rs, size, d, op);
  }
}
