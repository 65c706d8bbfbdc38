/**
 * What the batch controllers (job, cronjob, ttlafterfinished) need from the controller manager: the part of
 * framework's ControllerContext they use, so the manager's context satisfies it as is.
 */
import type { WorkQueue } from '../../client/workqueue/interface.js';
import type { ControllerContext } from '../framework/index.js';

export type BatchControllerContext = Pick<ControllerContext, 'client' | 'informers' | 'clock' | 'recorder'>;

export interface BatchControllerOptions {
  /** Concurrent syncs; default 5 for jobs and cronjobs, as upstream's concurrent-*-syncs. */
  workers?: number;
  /** Replaces the default rate-limited queue on the context's clock. */
  queue?: WorkQueue;
}

export interface RunnableController {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}

/** What a sync asks of the queue when it succeeds: nothing, or to look again after `requeueAfterMs`. */
export interface SyncResult {
  requeueAfterMs?: number;
}
