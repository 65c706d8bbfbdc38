/**
 * One sync of a deployment key (upstream's syncDeployment), the dispatcher: claim replica sets, then status only
 * (being deleted), scale only (paused, or a resize), rollback, or roll out by strategy.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { splitKey } from '../../client/informer/interface.js';
import { REPLICA_SETS, DEPLOYMENTS } from '../../client/resources.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import { ControllerRefManager, getControllerOf, recheckDeletionTimestamp } from '../framework/index.js';
import { cleanupDeployment } from './cleanup.js';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions.js';
import { getAllReplicaSetsAndSyncRevision } from './newrs.js';
import { desiredReplicasAnnotation } from './replicas.js';
import { filterActive, findNewReplicaSet, findOldReplicaSets } from './replicasets.js';
import { rolloutRecreate, type PodMap } from './recreate.js';
import { rollback, rollbackTo } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { scale } from './scale.js';
import { calculateStatus, sameStatus, writeStatus } from './status.js';
import { DEPLOYMENT_GVK, PAUSED, RESUMED, TIMED_OUT, specReplicas, type DeploymentDeps, type DeploymentObject, type ReplicaSetObject, type RS } from './types.js';

const isEmptySelector = (s: LabelSelector | undefined): boolean =>
  !!s && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

export async function syncDeployment(deps: DeploymentDeps, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const cached = deps.deployments.get(namespace, name);
  if (!cached) return;
  const d = structuredClone(cached) as DeploymentObject;
  if (isEmptySelector(d.spec?.selector)) return selectingAll(deps, d);
  const rss = await getReplicaSetsForDeployment(deps, d);
  if (d.metadata?.deletionTimestamp) return syncStatusOnly(deps, d, rss);
  await checkPausedConditions(deps, d);
  if (d.spec?.paused) return syncScaleOnly(deps, d, rss);
  if (rollbackTo(d) !== undefined) return rollback(deps, d, rss);
  if (isScalingEvent(d, rss)) return syncScaleOnly(deps, d, rss);
  if (d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(deps, d, rss, podMap(deps, d, rss));
  return rolloutRolling(deps, d, rss);
}

async function selectingAll(deps: DeploymentDeps, d: DeploymentObject): Promise<void> {
  deps.recorder.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
  if ((d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)) return;
  d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation };
  await writeStatus(deps, d);
}

/** Adopts matching orphan replica sets and releases owned ones that stopped matching. */
function getReplicaSetsForDeployment(deps: DeploymentDeps, d: DeploymentObject): Promise<RS[]> {
  const ns = d.metadata?.namespace ?? '';
  const getFresh = (): Promise<DeploymentObject> => deps.client.get<DeploymentObject>(DEPLOYMENTS, ns, d.metadata?.name ?? '');
  const manager = new ControllerRefManager<ReplicaSetObject>({
    client: deps.client,
    resource: REPLICA_SETS,
    owner: d,
    ownerGVK: DEPLOYMENT_GVK,
    selector: labelSelectorAsSelector(d.spec?.selector),
    canAdopt: recheckDeletionTimestamp(getFresh, d),
    patchType: 'merge',
  });
  return manager.claim(deps.replicaSets.list(ns));
}

function podMap(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[]): PodMap {
  const m: PodMap = new Map(rss.map((rs) => [rs.metadata?.uid ?? '', []]));
  const selector = labelSelectorAsSelector(d.spec?.selector);
  for (const p of deps.pods.list(d.metadata?.namespace ?? '', (l) => selector.matches(l))) {
    const uid = getControllerOf(p)?.uid;
    const list = uid === undefined ? undefined : m.get(uid);
    if (list) m.set(uid!, [...list, p]);
  }
  return m;
}

/** Progressing Unknown with DeploymentPaused / DeploymentResumed when pause flips (a timed-out rollout stays so). */
async function checkPausedConditions(deps: DeploymentDeps, d: DeploymentObject): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === TIMED_OUT) return;
  const pausedCond = cond?.reason === PAUSED;
  const status = structuredClone(d.status ?? {});
  if (d.spec?.paused && !pausedCond) setCondition(status, newCondition(deps.clock, 'Progressing', 'Unknown', PAUSED, 'Deployment is paused'));
  else if (!d.spec?.paused && pausedCond) setCondition(status, newCondition(deps.clock, 'Progressing', 'Unknown', RESUMED, 'Deployment is resumed'));
  else return;
  d.status = status;
  await writeStatus(deps, d);
}

/** A replica set whose desired-replicas annotation differs from the deployment's size: the deployment was resized. */
// Pure (upstream syncs the revision here too, which only makes the rollout's own write of the same set conflict).
function isScalingEvent(d: DeploymentObject, rss: readonly RS[]): boolean {
  return filterActive([...findOldReplicaSets(d, rss), findNewReplicaSet(d, rss)]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== specReplicas(d);
  });
}

/** Scaling without rolling out (upstream's sync): paused deployments and resizes. */
async function syncScaleOnly(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[]): Promise<void> {
  const { newRS, old } = await getAllReplicaSetsAndSyncRevision(deps, d, rss, false);
  await scale(deps, d, newRS, old);
  if (d.spec?.paused && rollbackTo(d) === undefined) await cleanupDeployment(deps, old, d);
  await syncStatusOnly(deps, d, rss, { newRS, old });
}

async function syncStatusOnly(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[], sets?: { newRS: RS | undefined; old: RS[] }): Promise<void> {
  const { newRS, old } = sets ?? (await getAllReplicaSetsAndSyncRevision(deps, d, rss, false));
  // Scaling above changed spec only; the listers' status of the sets is what the status counts.
  const fresh = (rs: RS | undefined) => (rs && deps.replicaSets.get(rs.metadata?.namespace ?? '', rs.metadata?.name ?? '')) ?? rs;
  const s = calculateStatus(deps, [...old.map(fresh), fresh(newRS)], fresh(newRS), d);
  if (sameStatus(d.status, s)) return;
  d.status = s;
  await writeStatus(deps, d);
}
