/**
 * Bringing each node to one daemon pod (upstream's manage / podsShouldBeOnNode / syncNodes): create on eligible
 * nodes without one, delete from nodes that should not run one, kill failed pods (with a per-node back-off), keep
 * only the oldest of duplicates (or, when surging, one old and one new), and delete unbound pods meant for nodes
 * that no longer exist. Writes are capped at burstReplicas and announced to the expectations first.
 */
import { keyOf } from '../../client/informer/interface.js';
import { PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { scaledValueFromIntOrPercent } from '../../machinery/intstr/intstr.js';
import { slowStartBatch } from '../framework/index.js';
import { isPodAvailable, isPodReady } from '../replicaset/pod-status.js';
import { CONTROLLER_REVISION_HASH_LABEL } from '../history/revisions.js';
import { failedPodsBackoffKey } from './backoff.js';
import { nodeShouldRunDaemonPod } from './predicates.js';
import { byCreationTimestampAndPhase, newDaemonPod } from './pods.js';
import type { D, DaemonSetDeps, N, P } from './types.js';

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** rollingUpdate.maxSurge > 0 (as a count of the desired pods). */
export const allowsSurge = (ds: D): boolean =>
  ds.spec?.updateStrategy?.type === 'RollingUpdate' && scaledValueFromIntOrPercent(ds.spec.updateStrategy.rollingUpdate?.maxSurge ?? 0, 1, true) > 0;

export interface NodePlan {
  create: string[];
  delete: P[];
}

function failedPodOnNode(d: DaemonSetDeps, ds: D, node: string, pod: P, plan: NodePlan): void {
  const key = failedPodsBackoffKey(ds.metadata?.uid ?? '', node);
  if (d.backoff.inBackoffSinceUpdate(key)) {
    d.enqueueAfter(keyOf(ds), d.backoff.get(key));
    return;
  }
  d.backoff.next(key);
  const msg = `Found failed daemon pod ${pod.metadata?.namespace}/${pod.metadata?.name} on node ${node}, will try to kill it`;
  d.recorder.event(ds, 'Warning', 'FailedDaemonPod', msg);
  plan.delete.push(pod);
}

/** With surge: at most the oldest new and the oldest old pod, the old one only while it is still needed. */
function duplicatesToDelete(d: DaemonSetDeps, ds: D, running: P[], hash: string): P[] {
  running.sort(byCreationTimestampAndPhase);
  if (!allowsSurge(ds)) return running.slice(1);
  let oldestNew: P | undefined;
  let oldestOld: P | undefined;
  const out: P[] = [];
  for (const p of running) {
    const isNew = p.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] === hash;
    if (isNew && !oldestNew) oldestNew = p;
    else if (!isNew && !oldestOld) oldestOld = p;
    else out.push(p);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ds.spec?.minReadySeconds ?? 0, d.clock.now()))) out.push(oldestOld);
  return out;
}

export function podsShouldBeOnNode(d: DaemonSetDeps, ds: D, node: N, pods: readonly P[] | undefined, hash: string, plan: NodePlan): void {
  const name = node.metadata?.name ?? '';
  const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
  if (shouldRun && !pods) {
    plan.create.push(name);
  } else if (shouldContinueRunning) {
    const running: P[] = [];
    for (const p of pods ?? []) {
      if (p.metadata?.deletionTimestamp) continue;
      if (p.status?.phase === 'Failed') failedPodOnNode(d, ds, name, p, plan);
      else if (p.status?.phase === 'Succeeded') plan.delete.push(p);
      else running.push(p);
    }
    if (running.length > 1) plan.delete.push(...duplicatesToDelete(d, ds, running, hash));
  } else {
    plan.delete.push(...(pods ?? []).filter((p) => !p.metadata?.deletionTimestamp));
  }
}

async function createOne(d: DaemonSetDeps, ds: D, hash: string, node: string): Promise<void> {
  try {
    const pod = await d.client.create(PODS, ds.metadata?.namespace ?? '', newDaemonPod(ds, hash, node));
    d.recorder.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
  } catch (err) {
    d.expectations.creationObserved(keyOf(ds));
    d.recorder.event(ds, 'Warning', 'FailedCreate', `Error creating: ${errText(err)}`);
    throw err;
  }
}

async function deleteOne(d: DaemonSetDeps, ds: D, pod: P): Promise<void> {
  try {
    await d.client.delete(PODS, pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    d.recorder.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
  } catch (err) {
    d.expectations.deletionObserved(keyOf(ds));
    if (isNotFoundStatus(err)) return;
    d.recorder.event(ds, 'Warning', 'FailedDelete', `Error deleting: ${errText(err)}`);
    throw err;
  }
}

/** Creates (slow-start batches) and deletes (all at once), each capped at burstReplicas; throws the first error. */
export async function syncNodes(d: DaemonSetDeps, ds: D, plan: NodePlan, hash: string): Promise<void> {
  const key = keyOf(ds);
  const create = plan.create.slice(0, d.burstReplicas);
  const del = plan.delete.slice(0, d.burstReplicas);
  d.expectations.setExpectations(key, create.length, del.length);
  let started = 0;
  const created = await slowStartBatch(create.length, 1, (i) => (started++, createOne(d, ds, hash, create[i]!)));
  // Pods skipped after a failed batch will never be observed (a failed create lowers its own expectation).
  for (let i = started; i < create.length; i++) d.expectations.creationObserved(key);
  const deleted = await Promise.allSettled(del.map((p) => deleteOne(d, ds, p)));
  const failed = deleted.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (created.error !== undefined) throw created.error;
  if (failed) throw failed.reason;
}
