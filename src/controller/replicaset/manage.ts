/**
 * Bringing the pod count to spec.replicas (upstream's manageReplicas): creates in slow-start batches, deletes by the
 * deletion preference, both capped at burstReplicas and both announced to the expectations first, so that a
 * sync running before the informer saw the writes does not repeat them.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { keyOf } from '../../client/informer/interface.js';
import { PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { getControllerOf, newControllerRef, slowStartBatch } from '../framework/index.js';
import { podsToDelete } from './delete-order.js';
import { isPodActive, podKey, type PodObject } from './pod-status.js';
import { errorMessage } from './status.js';
import { specReplicas, type ReplicaOwner } from './adapter.js';
import type { ReplicaDeps } from './types.js';

type P = Readonly<PodObject>;

/** Resolves undefined when done, or with the first error (the caller records ReplicaFailure and requeues). */
export async function manageReplicas(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, pods: readonly P[]): Promise<unknown> {
  const diff = pods.length - specReplicas(owner);
  if (diff < 0) return createPods(d, owner, Math.min(-diff, d.burstReplicas));
  if (diff > 0) return deletePods(d, owner, pods, Math.min(diff, d.burstReplicas));
  return undefined;
}

async function createPods(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, count: number): Promise<unknown> {
  const key = keyOf(owner);
  d.expectations.expectCreations(key, count);
  const { successes, error } = await slowStartBatch(count, 1, () => createPod(d, owner));
  // Pods never created (failed, or skipped after a failed batch) will never be observed.
  for (let i = successes; i < count; i++) d.expectations.creationObserved(key);
  return error;
}

/** The pod of a template (upstream's GetPodFromTemplate): its labels, annotations, finalizers and spec. */
export function podFromTemplate(d: ReplicaDeps, owner: Readonly<ReplicaOwner>): PodObject {
  const t = structuredClone(d.adapter.template(owner) ?? {});
  const meta: ObjectMeta = {
    generateName: `${owner.metadata?.name}-`,
    namespace: owner.metadata?.namespace,
    ownerReferences: [newControllerRef(owner, d.adapter.gvk)],
  };
  if (t.metadata?.labels) meta.labels = t.metadata.labels;
  if (t.metadata?.annotations) meta.annotations = t.metadata.annotations;
  if (t.metadata?.finalizers) meta.finalizers = t.metadata.finalizers;
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta as PodObject['metadata'], spec: t.spec ?? { containers: [] } };
}

async function createPod(d: ReplicaDeps, owner: Readonly<ReplicaOwner>): Promise<void> {
  try {
    const pod = await d.client.create<PodObject>(PODS, owner.metadata?.namespace ?? '', podFromTemplate(d, owner));
    d.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
  } catch (err) {
    d.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
    throw err;
  }
}

async function deletePods(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, pods: readonly P[], diff: number): Promise<unknown> {
  const key = keyOf(owner);
  const victims = podsToDelete(pods, relatedPods(d, owner), diff, d.clock.now());
  d.expectations.expectDeletionsOf(key, victims.map(podKey));
  const results = await Promise.allSettled(victims.map((p) => deletePod(d, owner, p)));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  return failed?.reason;
}

async function deletePod(d: ReplicaDeps, owner: Readonly<ReplicaOwner>, pod: P): Promise<void> {
  const name = pod.metadata?.name ?? '';
  try {
    await d.client.delete(PODS, pod.metadata?.namespace ?? '', name);
    d.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  } catch (err) {
    // The delete will not be observed as a watch event we wait for: lower the expectation now.
    d.expectations.deletionObservedOf(keyOf(owner), podKey(pod));
    if (isNotFoundStatus(err)) return;
    d.recorder.event(owner, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
    throw err;
  }
}

/**
 * The active pods of every replica set that shares this one's controller (a Deployment's old and new sets), or
 * just its own when it has no controller: the ranking spreads what is kept across nodes.
 */
function relatedPods(d: ReplicaDeps, owner: Readonly<ReplicaOwner>): P[] {
  const ns = owner.metadata?.namespace ?? '';
  const ctl = getControllerOf(owner);
  const siblings = ctl ? d.owners.list(ns).filter((o) => getControllerOf(o)?.uid === ctl.uid) : [owner];
  const uids = new Set(siblings.map((o) => o.metadata?.uid));
  return d.pods.list(ns).filter((p) => isPodActive(p) && uids.has(getControllerOf(p)?.uid));
}
