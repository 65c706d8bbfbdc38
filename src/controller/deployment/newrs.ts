/**
 * The new replica set of a deployment (upstream's getNewReplicaSet): an existing set with the deployment's template
 * gets the next revision (a rollback reuses the old set this way) and the deployment's annotations; otherwise one is
 * created, named `<deployment>-<pod-template-hash>`. A name taken by a set with another template is a hash collision:
 * collisionCount goes up and the next sync tries another name.
 */
import { REPLICA_SETS } from '../../client/resources.js';
import { isAlreadyExistsStatus } from '../../machinery/errors/status.js';
import { getControllerOf, newControllerRef } from '../framework/index.js';
import { getCondition, hasProgressDeadline, newCondition, setCondition } from './conditions.js';
import { computeHash } from './hash.js';
import { maxSurge, newRSNewReplicas } from './replicas.js';
import { equalIgnoreHash, findNewReplicaSet, findOldReplicaSets, maxRevision } from './replicasets.js';
import { setNewReplicaSetAnnotations } from './revision.js';
import { writeRevision, writeStatus } from './status.js';
import { DEPLOYMENT_GVK, FAILED_RS_CREATE, FOUND_NEW_RS, NEW_RS_CREATED, POD_TEMPLATE_HASH, REVISION, specReplicas, type DeploymentDeps, type DeploymentObject, type ReplicaSetObject, type RS } from './types.js';

export interface Sets {
  newRS: RS | undefined;
  old: RS[];
}

/** The new (created when `create`) and old replica sets, the revision synced onto both set and deployment. */
export async function getAllReplicaSetsAndSyncRevision(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[], create: boolean): Promise<Sets> {
  const old = findOldReplicaSets(d, rss);
  const newRS = await getNewReplicaSet(deps, d, rss, old, create);
  return { newRS, old };
}

async function getNewReplicaSet(deps: DeploymentDeps, d: DeploymentObject, rss: readonly RS[], old: RS[], create: boolean): Promise<RS | undefined> {
  const existing = findNewReplicaSet(d, rss);
  const revision = maxRevision(old) + 1;
  if (existing) return syncExisting(deps, d, existing, revision);
  if (!create) return undefined;
  return createNew(deps, d, old, revision);
}

async function syncExisting(deps: DeploymentDeps, d: DeploymentObject, existing: RS, revision: number): Promise<RS> {
  const copy = structuredClone(existing) as ReplicaSetObject;
  const annotated = setNewReplicaSetAnnotations(d, copy, revision, true, specReplicas(d) + maxSurge(d));
  const minReady = d.spec?.minReadySeconds ?? 0;
  if (annotated || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
    copy.spec = { ...copy.spec!, minReadySeconds: minReady };
    return deps.client.update<ReplicaSetObject>(REPLICA_SETS, copy.metadata?.namespace ?? '', copy);
  }
  const revChanged = await writeRevision(deps, d, copy.metadata?.annotations?.[REVISION] ?? '');
  let statusChanged = false;
  if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
    d.status = { ...(d.status ?? {}) };
    setCondition(d.status, newCondition(deps.clock, 'Progressing', 'True', FOUND_NEW_RS, `Found new replica set "${copy.metadata?.name}"`));
    statusChanged = true;
  }
  if (statusChanged || revChanged) await writeStatus(deps, d);
  return copy;
}

function newReplicaSetObject(d: DeploymentObject, old: RS[], revision: number): ReplicaSetObject {
  const hash = computeHash(d.spec?.template, d.status?.collisionCount);
  const template = structuredClone(d.spec!.template);
  const labels = { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash };
  template.metadata = { ...(template.metadata ?? {}), labels };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const rs: ReplicaSetObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: `${d.metadata?.name}-${hash}`, namespace: d.metadata?.namespace, ownerReferences: [newControllerRef(d, DEPLOYMENT_GVK)], labels },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  rs.spec!.replicas = newRSNewReplicas(d, [...old, rs], rs);
  setNewReplicaSetAnnotations(d, rs, revision, false, specReplicas(d) + maxSurge(d));
  return rs;
}

async function createNew(deps: DeploymentDeps, d: DeploymentObject, old: RS[], revision: number): Promise<RS> {
  const rs = newReplicaSetObject(d, old, revision);
  const ns = d.metadata?.namespace ?? '';
  let created: RS;
  let alreadyExists = false;
  try {
    created = await deps.client.create<ReplicaSetObject>(REPLICA_SETS, ns, rs);
  } catch (err) {
    if (!isAlreadyExistsStatus(err)) return failCreate(deps, d, rs, err);
    created = await adoptOrCollide(deps, d, rs);
    alreadyExists = true;
  }
  const replicas = rs.spec?.replicas ?? 0;
  if (!alreadyExists && replicas > 0) deps.recorder.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata?.name} to ${replicas}`);
  const revChanged = await writeRevision(deps, d, String(revision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    d.status = { ...(d.status ?? {}) };
    setCondition(d.status, newCondition(deps.clock, 'Progressing', 'True', NEW_RS_CREATED, `Created new replica set "${rs.metadata?.name}"`));
    await writeStatus(deps, d);
  } else if (revChanged) await writeStatus(deps, d);
  return created;
}

/** The name exists: ours with the same template (a stale cache) is fine; anything else bumps collisionCount. */
async function adoptOrCollide(deps: DeploymentDeps, d: DeploymentObject, rs: ReplicaSetObject): Promise<RS> {
  const ns = d.metadata?.namespace ?? '';
  const found = deps.replicaSets.get(ns, rs.metadata?.name ?? '') ?? (await deps.client.get<ReplicaSetObject>(REPLICA_SETS, ns, rs.metadata?.name ?? ''));
  if (getControllerOf(found)?.uid === d.metadata?.uid && equalIgnoreHash(found.spec?.template, d.spec?.template)) return found;
  d.status = { ...(d.status ?? {}), collisionCount: (d.status?.collisionCount ?? 0) + 1 };
  await writeStatus(deps, d);
  throw new Error(`hash collision for replica set "${rs.metadata?.name}": collisionCount is now ${d.status.collisionCount}`);
}

async function failCreate(deps: DeploymentDeps, d: DeploymentObject, rs: ReplicaSetObject, err: unknown): Promise<never> {
  const msg = `Failed to create new replica set "${rs.metadata?.name}": ${err instanceof Error ? err.message : String(err)}`;
  if (hasProgressDeadline(d)) {
    d.status = { ...(d.status ?? {}) };
    setCondition(d.status, newCondition(deps.clock, 'Progressing', 'False', FAILED_RS_CREATE, msg));
    await writeStatus(deps, d);
  }
  deps.recorder.event(d, 'Warning', FAILED_RS_CREATE, msg);
  throw err;
}
