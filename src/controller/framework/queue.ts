/**
 * The one way a controller makes its work queue: rate limited on the context's clock, named as upstream names it
 * (the `name` label of the workqueue_* metrics), and reporting to the manager's metrics when there are any.
 */
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { createRateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import type { ControllerContext } from './types.js';

/** What making a queue needs from a controller's context (the batch and workload contexts are narrower). */
export type QueueContext = Pick<ControllerContext, 'clock'> & Partial<Pick<ControllerContext, 'queueMetrics'>>;

export function newControllerQueue(ctx: QueueContext, name: string): WorkQueue {
  return createRateLimitingQueue({ clock: ctx.clock, name, metrics: ctx.queueMetrics });
}
