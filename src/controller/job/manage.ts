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
import type { JobDeps } from './deps.js';
import { indexesToCreate } from './indexed.js';
import { completionIndex, deletionOrder, type ReadonlyPod } from './pod-state.js';
import { buildPod } from './pod-template.js';

const SLOW_START_INITIAL_BATCH = 1;

/** Runs `fns` in growing batches; stops after the first batch with a failure. */
export async function slowStart(fns: readonly (() => Promise<void>)[]): Promise<{ attempted: number; error?: unknown }> {
  let attempted = 0;
  let batch = SLOW_START_INITIAL_BATCH;
  for (let i = 0; i < fns.length; i += batch, batch *= 2) {
    const slice = fns.slice(i, i + batch);
    attempted += slice.length;
    const results = await Promise.allSettled(slice.map((f) => f()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) return { attempted, error: failed.reason };
  }
  return { attempted };
}

/** Creates one pod per entry of `indexes` (undefined for NonIndexed); throws the first error after the rest is accounted. */
export async function createPods(deps: JobDeps, job: Readonly<Job>, indexes: readonly (number | undefined)[]): Promise<void> {
  if (indexes.length === 0) return;
  const key = keyOf(job);
  deps.expectations.expect(key, indexes.length, 0);
  const fns = indexes.map((ix) => async (): Promise<void> => {
    try {
      const pod = await deps.client.create<Pod>(PODS, job.metadata?.namespace ?? '', buildPod(job, ix));
      deps.recorder.event(job, 'Normal', EVENT_SUCCESSFUL_CREATE, `Created pod: ${pod.metadata?.name}`);
    } catch (err) {
      deps.expectations.creationObserved(key);
      deps.recorder.event(job, 'Warning', EVENT_FAILED_CREATE, `Error creating: ${(err as Error).message}`);
      throw err;
    }
  });
  const { attempted, error } = await slowStart(fns);
  // Pods never attempted will never be observed.
  deps.expectations.creationObserved(key, indexes.length - attempted);
  if (error) throw error;
}

/** Deletes `pods` (the job's active pods chosen for deletion); throws the first error. */
export async function deletePods(deps: JobDeps, job: Readonly<Job>, pods: readonly ReadonlyPod[]): Promise<void> {
  if (pods.length === 0) return;
  const key = keyOf(job);
  deps.expectations.expect(key, 0, pods.length);
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
