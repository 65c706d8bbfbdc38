/**
 * One sync of a ReplicaSet/ReplicationController key (upstream's syncReplicaSet): read from the listers (missing →
 * forget its expectations), claim the matching active pods, create or delete when the expectations are satisfied,
 * then always recompute status and write it through the status subresource when it changed.
 */
import type { ReplicaSetStatus } from 'kubernetes-types/apps/v1.js';
import { splitKey } from '../../client/informer/interface.js';
import { PODS } from '../../client/resources.js';
import { isConflictStatus } from '../../machinery/errors/status.js';
import { ControllerRefManager, recheckDeletionTimestamp } from '../framework/index.js';
import { isPodActive, type PodObject } from './pod-status.js';
import { manageReplicas } from './manage.js';
import { calculateStatus, statusUnchanged } from './status.js';
import { specReplicas, type ReplicaOwner } from './adapter.js';
import type { ReplicaDeps } from './types.js';

export async function syncReplicaOwner(d: ReplicaDeps, key: string): Promise<void> {
  const { namespace, name } = splitKey(key);
  const owner = d.owners.get(namespace, name);
  if (!owner) {
    d.expectations.deleteExpectations(key);
    return;
  }
  const needsSync = d.expectations.satisfiedExpectations(key);
  const active = d.pods.list(namespace).filter(isPodActive);
  const pods = await claimPods(d, owner, active);
  let manageError: unknown;
  if (needsSync && !owner.metadata?.deletionTimestamp) manageError = await manageReplicas(d, owner, pods);
  const status = calculateStatus(owner, d.adapter, pods, manageError, d.clock.now());
  const written = await writeStatus(d, owner, status);
  requeueForAvailability(d, key, written, manageError);
  if (manageError !== undefined) throw manageError;
}

/** Adopts matching orphans and releases owned pods that stopped matching (upstream's claimPods). */
function claimPods(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, pods: readonly Readonly<PodObject>[]): Promise<Readonly<PodObject>[]> {
  const getFresh = (): Promise<ReplicaOwner> => d.client.get<ReplicaOwner>(d.adapter.ref, owner.metadata?.namespace ?? '', owner.metadata?.name ?? '');
  const manager = new ControllerRefManager<PodObject>({
    client: d.client,
    resource: PODS,
    owner,
    ownerGVK: d.adapter.gvk,
    selector: d.adapter.selector(owner),
    // Upstream's RecheckDeletionTimestamp: a fresh read, not the cache, decides whether we may still adopt.
    canAdopt: recheckDeletionTimestamp(getFresh, owner),
    patchType: 'merge',
  });
  return manager.claim(pods);
}

/** PUT status when it changed; one retry on a conflict with a fresh read, as upstream's updateReplicaSetStatus. */
async function writeStatus(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, status: ReplicaSetStatus): Promise<Readonly<ReplicaOwner>> {
  if (statusUnchanged(owner, status)) return owner;
  const next = { ...structuredClone(owner), status: { ...status, observedGeneration: owner.metadata?.generation } } as ReplicaOwner;
  const ns = owner.metadata?.namespace ?? '';
  try {
    return await d.client.update<ReplicaOwner>(d.adapter.ref, ns, next, { subresource: 'status' });
  } catch (err) {
    if (!isConflictStatus(err)) throw err;
    const fresh = await d.client.get<ReplicaOwner>(d.adapter.ref, ns, owner.metadata?.name ?? '');
    const retry = { ...fresh, status: next.status } as ReplicaOwner;
    return d.client.update<ReplicaOwner>(d.adapter.ref, ns, retry, { subresource: 'status' });
  }
}

/** All ready but not yet all available: look again once minReadySeconds has passed. */
function requeueForAvailability(d: ReplicaDeps, key: string, o: Readonly<ReplicaOwner>, manageError: unknown): void {
  const minReady = o.spec?.minReadySeconds ?? 0;
  const s = o.status;
  const want = specReplicas(o);
  if (manageError === undefined && minReady > 0 && s?.readyReplicas === want && s.availableReplicas !== want) {
    d.enqueueAfter(key, minReady * 1000);
  }
}
