/**
 * The second half of upstream's updateStatefulSet: bring each ordinal in range into being (claims, then pod),
 * repair identities, then remove condemned pods, then roll. Under OrderedReady (monotonic) each step stops the
 * pass at the first pod that is not yet Running and Ready — pods are created one at a time in ascending order and
 * deleted one at a time from the highest ordinal; under Parallel every step runs for all pods at once.
 */
import { slowStartBatch } from '../framework/index.js';
import { identityMatches, podRevision, storageMatches, updateIdentity, updateStorage } from './identity.js';
import { condemnClaims, createStatefulPod, deleteStatefulPod, updateStatefulPod } from './pod-control.js';
import { isCreated, isFailed, isHealthy, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from './pod-state.js';
import { addRevisionCount, type Round } from './replicas.js';
import type { PodObject } from './types.js';

/** A step's answer: stop the pass here (wait for the next event), or go on. */
type Step = (i: number) => Promise<boolean>;

/** Runs `step` for 0..n-1: in order, stopping at the first `true`, when monotonic; else all in slow-start batches. */
async function runForAll(n: number, step: Step, monotonic: boolean): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < n; i++) if (await step(i)) return true;
    return false;
  }
  const { error } = await slowStartBatch(n, 1, async (i) => void (await step(i)));
  if (error !== undefined) throw error;
  return false;
}

const minReady = (r: Round): number => r.set.spec?.minReadySeconds ?? 0;

async function recreateFinished(r: Round, i: number): Promise<boolean> {
  const pod = r.replicas[i]!;
  const [ns, set, name] = [r.set.metadata?.namespace, r.set.metadata?.name, pod.metadata?.name];
  if (isFailed(pod)) r.d.recorder.event(r.set, 'Warning', 'RecreatingFailedPod', `StatefulSet ${ns}/${set} is recreating failed Pod ${name}`);
  else r.d.recorder.event(r.set, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${ns}/${set} is recreating terminated Pod ${name}`);
  // The replacement is made on a later pass, once this pod is gone from the API.
  if (!isTerminating(pod)) await deleteStatefulPod(r.d, r.set, pod);
  return true;
}

async function processReplica(r: Round, i: number): Promise<boolean> {
  const pod = r.replicas[i]!;
  if (isCreated(pod) && (isFailed(pod) || isSucceeded(pod))) return recreateFinished(r, i);
  if (!isCreated(pod)) {
    await createStatefulPod(r.d, r.set, pod as PodObject);
    r.status.replicas++;
    addRevisionCount(r, pod, 1);
    return r.monotonic;
  }
  if (isTerminating(pod)) return r.monotonic;
  if (r.monotonic && !isRunningAndReady(pod)) return true;
  if (r.monotonic && !isRunningAndAvailable(pod, minReady(r), r.now)) return true;
  if (identityMatches(r.set, pod) && storageMatches(r.set, pod)) return false;
  const fixed = structuredClone(pod) as PodObject;
  updateIdentity(r.updateSet, fixed);
  updateStorage(r.updateSet, fixed);
  await updateStatefulPod(r.d, r.updateSet, fixed);
  return false;
}

/** Scale-down: the highest ordinal first; a pod that is not healthy blocks unless it is the first unhealthy one. */
async function processCondemned(r: Round, i: number): Promise<boolean> {
  const pod = r.condemned[i]!;
  if (isTerminating(pod)) return r.monotonic;
  const blocking = r.monotonic && pod !== r.firstUnhealthy;
  if (blocking && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady(r), r.now))) return true;
  await condemnClaims(r.d, r.set, pod);
  await deleteStatefulPod(r.d, r.set, pod);
  addRevisionCount(r, pod, -1);
  return r.monotonic;
}

/**
 * RollingUpdate: from the highest ordinal down to the partition, delete the first pod not at the update revision
 * (one per pass; the create step brings it back at the update revision) and wait while a pod is unhealthy.
 * The partition is an offset from spec.ordinals.start (upstream's updateMin indexes the replicas), the same rule
 * newVersionedPod uses to recreate a pod below it at the current revision.
 */
async function rollingUpdate(r: Round): Promise<void> {
  const updateMin = r.set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let t = r.replicas.length - 1; t >= updateMin; t--) {
    const pod = r.replicas[t]!;
    if (podRevision(pod) !== r.update.metadata?.name && !isTerminating(pod)) {
      await deleteStatefulPod(r.d, r.set, pod);
      addRevisionCount(r, pod, -1);
      return;
    }
    if (!isHealthy(pod)) return;
  }
}

/** One pass; the status in `r` reflects what it did, even when it throws part-way. */
export async function updateStatefulSet(r: Round): Promise<void> {
  if (r.set.metadata?.deletionTimestamp) return;
  if (await runForAll(r.replicas.length, (i) => processReplica(r, i), r.monotonic)) return;
  if (await runForAll(r.condemned.length, (i) => processCondemned(r, i), r.monotonic)) return;
  if ((r.set.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
  await rollingUpdate(r);
}
