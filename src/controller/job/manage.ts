/**
 * Bringing the number of active pods to what the job wants: create the missing ones (in slow-start batches of
 * 1, 2, 4 … so that a failing create does not repeat a thousand times) and delete the surplus.
 */
import type { JobObject as Job } from './types.js';
import type { PodObject as Pod } from './types.js';
import { keyOf } from '../../client/informer/interface.js';
import { PODS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { EVENT_FAILED_CREATE, EVENT_SUCCESSFUL_CREATE, EVENT_SUCCESSFUL_DELETE } from './constants.js';
import { SLOW_START_INITIAL_BATCH_SIZE, slowStartBatch } from '../framework/index.js';
import type { JobDeps } from './context.js';
import { indexesToCreate } from './indexed.js';
import { completionIndex, deletionOrder, type ReadonlyPod } from './pod-state.js';
import { buildPod } from './pod-template.js';

/** Creates one pod per entry of `indexes` (undefined for NonIndexed); throws the first error after the rest is accounted. */
export async function createPods(deps: JobDeps, job: Readonly<Job>, indexes: readonly (number | undefined)[]): Promise<void> {
  if (indexes.length === 0) return;
  const key = keyOf(job);
  deps.expectations.expectCreations(key, indexes.length);
  const create = async (i: number): Promise<void> => {
    try {
      const pod = await deps.client.create<Pod>(PODS, job.metadata?.namespace ?? '', buildPod(job, indexes[i]));
      deps.recorder.event(job, 'Normal', EVENT_SUCCESSFUL_CREATE, `Created pod: ${pod.metadata?.name}`);
    } catch (err) {
      deps.expectations.creationObserved(key);
      deps.recorder.event(job, 'Warning', EVENT_FAILED_CREATE, `Error creating: ${(err as Error).message}`);
      throw err;
    }
  };
  const { attempted, error } = await slowStartBatch(indexes.length, SLOW_START_INITIAL_BATCH_SIZE, create);
  // Pods never attempted will never be observed.
  deps.expectations.lowerExpectations(key, indexes.length - attempted, 0);
  if (error) throw error;
}

/** Deletes `pods` (the job's active pods chosen for deletion); throws the first error. */
export async function deletePods(deps: JobDeps, job: Readonly<Job>, pods: readonly ReadonlyPod[]): Promise<void> {
  if (pods.length === 0) return;
  const key = keyOf(job);
  deps.expectations.expectDeletions(key, pods.length);
  const results = await Promise.allSettled(pods.map(async (p) => {
    try {
      await deps.client.delete(PODS, p.metadata?.namespace ?? '', p.metadata?.name ?? '');
      deps.recorder.event(job, 'Normal', EVENT_SUCCESSFUL_DELETE, `Deleted pod: ${p.metadata?.name}`);
    } catch (err) {
      deps.expectations.deletionObserved(key);
      if (!isNotFoundStatus(err)) throw err;
    }
  }));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export interface ManagePlan {
  create: (number | undefined)[];
  remove: ReadonlyPod[];
}

/** NonIndexed: how many pods to create or which to delete so that `active` matches `want`. */
export function planNonIndexed(active: readonly ReadonlyPod[], want: number): ManagePlan {
  if (active.length > want) return { create: [], remove: [...active].sort(deletionOrder).slice(0, active.length - want) };
  return { create: new Array<undefined>(want - active.length).fill(undefined), remove: [] };
}

/**
 * Indexed: delete active pods whose index is invalid, completed or duplicated (keeping one per index), then
 * create the lowest missing indexes up to `parallelism` active pods.
 */
export function planIndexed(job: Readonly<Job>, active: readonly ReadonlyPod[], completed: ReadonlySet<number>, parallelism: number): ManagePlan {
  const completions = job.spec?.completions ?? 0;
  const running = new Set<number>();
  const remove: ReadonlyPod[] = [];
  for (const p of [...active].sort((a, b) => -deletionOrder(a, b))) {
    const ix = completionIndex(p, completions);
    if (ix === undefined || completed.has(ix) || running.has(ix)) remove.push(p);
    else running.add(ix);
  }
  const room = Math.max(0, parallelism - running.size);
  return { create: indexesToCreate(completions, completed, running, room), remove };
}
