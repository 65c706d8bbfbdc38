/**
 * The StatefulSet's writes of pods and claims (upstream's StatefulPodControl), each followed by its event with
 * upstream's reason and message: "create Pod web-0 in StatefulSet web successful", "create Claim www-web-0 Pod web-0
 * in StatefulSet web success". Claims are created before their pod and never deleted here; the
 * persistentVolumeClaimRetentionPolicy is honoured through owner references that the garbage collector follows.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { PODS, PVCS } from '../../client/resources.js';
import { isAlreadyExistsStatus, isNotFoundStatus } from '../../machinery/errors/status.js';
import { apiVersionOf } from '../framework/index.js';
import { claimsFor, getOrdinal } from './identity.js';
import { STATEFUL_SET_GVK, type ClaimObject, type P, type PodObject, type S, type StatefulSetDeps } from './types.js';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const lower = (verb: string): string => verb.toLowerCase();

function podEvent(d: StatefulSetDeps, verb: string, set: S, pod: P, err?: unknown): void {
  const name = `Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name}`;
  if (err === undefined) d.recorder.event(set, 'Normal', `Successful${verb}`, `${lower(verb)} ${name} successful`);
  else d.recorder.event(set, 'Warning', `Failed${verb}`, `${lower(verb)} ${name} failed error: ${errText(err)}`);
}

function claimEvent(d: StatefulSetDeps, set: S, pod: P, claim: ClaimObject, err?: unknown): void {
  const [c, p, s] = [claim.metadata?.name, pod.metadata?.name, set.metadata?.name];
  if (err === undefined) d.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${c} Pod ${p} in StatefulSet ${s} success`);
  else d.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${c} for Pod ${p} in StatefulSet ${s} failed error: ${errText(err)}`);
}

const refTo = (owner: { apiVersion: string; kind: string; name?: string; uid?: string }): OwnerReference =>
  ({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name ?? '', uid: owner.uid ?? '' });

/**
 * The owner references a claim should carry under the retention policy: the set's when whenDeleted is Delete, and
 * the pod's when whenScaled is Delete and the pod is condemned (its ordinal is past the replicas).
 */
export function claimOwnerRefs(set: S, pod: P | undefined, condemned: boolean, existing: readonly OwnerReference[] = []): OwnerReference[] {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy;
  const setUid = set.metadata?.uid;
  const podUid = pod?.metadata?.uid;
  const refs = existing.filter((r) => r.uid !== setUid && (podUid === undefined || r.uid !== podUid));
  if (policy?.whenDeleted === 'Delete') refs.push(refTo({ apiVersion: apiVersionOf(STATEFUL_SET_GVK), kind: 'StatefulSet', name: set.metadata?.name, uid: setUid }));
  if (condemned && pod && policy?.whenScaled === 'Delete') refs.push(refTo({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name, uid: podUid }));
  return refs;
}

/** Creates the pod's missing claims; a claim that is being deleted blocks the pod (upstream's error). */
export async function createClaims(d: StatefulSetDeps, set: S, pod: P): Promise<void> {
  const errors: string[] = [];
  for (const claim of claimsFor(set, getOrdinal(pod))) {
    const ns = claim.metadata?.namespace ?? '';
    const cached = d.claims.get(ns, claim.metadata?.name ?? '');
    if (cached) {
      if (cached.metadata?.deletionTimestamp) errors.push(`pvc ${claim.metadata?.name} is being deleted`);
      continue;
    }
    const refs = claimOwnerRefs(set, undefined, false);
    if (refs.length > 0) claim.metadata!.ownerReferences = refs;
    try {
      await d.client.create(PVCS, ns, claim);
      claimEvent(d, set, pod, claim);
    } catch (err) {
      if (isAlreadyExistsStatus(err)) continue;
      claimEvent(d, set, pod, claim, err);
      errors.push(`failed to create PVC ${claim.metadata?.name}: ${errText(err)}`);
    }
  }
  if (errors.length > 0) throw new Error(errors.join('; '));
}

/** Claims first, then the pod (upstream's CreateStatefulPod). */
export async function createStatefulPod(d: StatefulSetDeps, set: S, pod: PodObject): Promise<void> {
  try {
    await createClaims(d, set, pod);
  } catch (err) {
    podEvent(d, 'Create', set, pod, err);
    throw err;
  }
  try {
    await d.client.create(PODS, set.metadata?.namespace ?? '', pod);
  } catch (err) {
    if (!isAlreadyExistsStatus(err)) podEvent(d, 'Create', set, pod, err);
    throw err;
  }
  podEvent(d, 'Create', set, pod);
}

export async function deleteStatefulPod(d: StatefulSetDeps, set: S, pod: P): Promise<void> {
  try {
    await d.client.delete(PODS, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '', { preconditions: { uid: pod.metadata?.uid ?? '' } });
  } catch (err) {
    if (isNotFoundStatus(err)) return;
    podEvent(d, 'Delete', set, pod, err);
    throw err;
  }
  podEvent(d, 'Delete', set, pod);
}

/** Writes a pod whose identity or storage was repaired (upstream's UpdateStatefulPod); claims are made first. */
export async function updateStatefulPod(d: StatefulSetDeps, set: S, pod: PodObject): Promise<void> {
  await createClaims(d, set, pod);
  try {
    await d.client.update(PODS, pod.metadata?.namespace ?? '', pod);
  } catch (err) {
    podEvent(d, 'Update', set, pod, err);
    throw err;
  }
  podEvent(d, 'Update', set, pod);
}

/** Before a scale-down deletes `pod`: hands its claims to the pod when whenScaled is Delete (the GC follows). */
export async function condemnClaims(d: StatefulSetDeps, set: S, pod: P): Promise<void> {
  if (set.spec?.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  for (const want of claimsFor(set, getOrdinal(pod))) {
    const claim = d.claims.get(want.metadata?.namespace ?? '', want.metadata?.name ?? '');
    if (!claim) continue;
    const existing = (claim.metadata?.ownerReferences ?? []) as OwnerReference[];
    const refs = claimOwnerRefs(set, pod, true, existing);
    if (JSON.stringify(refs) === JSON.stringify(existing)) continue;
    await d.client.patch(PVCS, claim.metadata?.namespace ?? '', claim.metadata?.name ?? '', 'merge', {
      metadata: { ownerReferences: refs, resourceVersion: claim.metadata?.resourceVersion },
    });
  }
}
