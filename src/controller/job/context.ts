/**
 * What the batch controllers (job, cronjob, ttlafterfinished) need from the controller manager: the part of
 * framework's ControllerContext they use, so the manager's context satisfies it as is.
 */
import type { Lister } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import type { ControllerContext, ControllerExpectations, SyncResult as WorkerResult } from '../framework/index.js';
import type { BackoffStore } from './backoff.js';
import type { JobObject, PodObject } from './types.js';

/** What the batch controllers need; the logger (and the queue metrics) are optional so that tests may leave them out. */
export type BatchControllerContext = Pick<ControllerContext, 'client' | 'informers' | 'clock' | 'recorder'> &
  Partial<Pick<ControllerContext, 'logger' | 'queueMetrics'>>;

export interface BatchControllerOptions {
  /** Concurrent syncs; default 5 for jobs and cronjobs, as upstream's concurrent-*-syncs. */
  workers?: number;
  /** Replaces the default rate-limited queue on the context's clock. */
  queue?: WorkQueue;
}

/** What a sync asks of the queue when it succeeds: nothing, or to look again after `requeueAfterMs`. */
export interface SyncResult {
  requeueAfterMs?: number;
}

/** The batch result as the framework's worker loop takes it (a negative delay means at once). */
export const toWorkerResult = (r: SyncResult): WorkerResult =>
  r.requeueAfterMs === undefined ? undefined : { requeueAfter: Math.max(0, r.requeueAfterMs) };

/** What one job sync works with: the client, the listers, the clock, the recorder and the per-job memory. */
export interface JobDeps extends Pick<ControllerContext, 'client' | 'clock' | 'recorder'> {
  jobs: Lister<JobObject>;
  pods: Lister<PodObject>;
  backoff: BackoffStore;
  expectations: ControllerExpectations;
}
