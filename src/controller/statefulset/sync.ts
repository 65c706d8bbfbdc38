/**
 * One sync of a StatefulSet key (upstream's sync → performUpdate): read the set from the lister (missing → nothing
 * to do), claim its revisions and its pods (by selector and by name `<set>-<ordinal>`), compute the current and
 * update revisions, run one pass, then always write status and trim the history.
 */
import type { StatefulSetStatus } from 'kubernetes-types/apps/v1.js';
import { splitKey } from '../../client/informer/interface.js';
import { CONTROLLER_REVISIONS, PODS, STATEFUL_SETS } from '../../client/resources.js';
import { labelSelectorAsSelector, type Selector } from '../../machinery/labels/index.js';
import { ControllerRefManager, recheckDeletionTimestamp, type SyncResult } from '../framework/index.js';
import type { RevisionObject } from '../history/revisions.js';
import { isMemberOf } from './identity.js';
import { countPods, sortIntoSlots, type Round } from './replicas.js';
import { applyRevision, getStatefulSetRevisions, truncateSetHistory, type SetRevisions } from './revisions.js';
import { completeRollingUpdate, writeStatus } from './status.js';
import { STATEFUL_SET_GVK, type P, type PodObject, type S, type StatefulSetDeps, type StatefulSetObject } from './types.js';
import { updateStatefulSet } from './update.js';

function refManager<T extends PodObject | RevisionObject>(d: StatefulSetDeps, set: S, selector: Selector, resource: typeof PODS): ControllerRefManager<T> {
  const ns = set.metadata?.namespace ?? '';
  const getFresh = () => d.client.get<StatefulSetObject>(STATEFUL_SETS, ns, set.metadata?.name ?? '');
  return new ControllerRefManager<T>({
    client: d.client, resource, owner: set, ownerGVK: STATEFUL_SET_GVK, selector, canAdopt: recheckDeletionTimestamp(getFresh, set),
  });
}

function newRound(d: StatefulSetDeps, set: S, revs: SetRevisions): Round {
  const status: StatefulSetStatus = {
    replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0,
    currentRevision: revs.current.metadata?.name ?? '', updateRevision: revs.update.metadata?.name ?? '',
    collisionCount: revs.collisionCount,
  };
  if (set.metadata?.generation !== undefined) status.observedGeneration = set.metadata.generation as number;
  return {
    d, set, status, current: revs.current, update: revs.update,
    currentSet: applyRevision(set, revs.current), updateSet: applyRevision(set, revs.update),
    replicas: [], condemned: [], firstUnhealthy: undefined, now: d.clock.now(),
    monotonic: (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel',
  };
}

/** The pass and its status write; an error of the pass is rethrown after the status was written. */
async function performUpdate(d: StatefulSetDeps, set: S, pods: readonly P[], revisions: readonly Readonly<RevisionObject>[]): Promise<StatefulSetStatus> {
  const revs = await getStatefulSetRevisions(d, set, revisions);
  const r = newRound(d, set, revs);
  countPods(r, pods);
  sortIntoSlots(r, pods);
  let passError: unknown;
  try {
    await updateStatefulSet(r);
  } catch (err) {
    passError = err;
  }
  completeRollingUpdate(set, r.status);
  await writeStatus(d, set, r.status);
  if (passError !== undefined) throw passError;
  await truncateSetHistory(d, set, pods, revisions, revs);
  return r.status;
}

export async function syncStatefulSet(d: StatefulSetDeps, key: string): Promise<SyncResult> {
  const { namespace, name } = splitKey(key);
  const set = d.sets.get(namespace, name);
  if (!set) return;
  let selector: Selector;
  try {
    selector = labelSelectorAsSelector(set.spec?.selector);
  } catch {
    return; // an invalid selector cannot be fixed by retrying
  }
  const revisions = await refManager<RevisionObject>(d, set, selector, CONTROLLER_REVISIONS).claim(d.revisions.list(namespace));
  const pods = await refManager<PodObject>(d, set, selector, PODS).claim(d.pods.list(namespace), [(p) => isMemberOf(set, p)]);
  const status = await performUpdate(d, set, pods, revisions);
  const minReady = set.spec?.minReadySeconds ?? 0;
  // Ready pods become available minReadySeconds later: look again then.
  if (minReady > 0 && (status.readyReplicas ?? 0) !== (status.availableReplicas ?? 0)) return { requeueAfter: minReady * 1000 };
  return undefined;
}
