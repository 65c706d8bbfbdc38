/** The shape every controller has, and what the controller manager hands each one. */
import type { Client } from '../../client/interface.js';
import type { SharedInformerFactory } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import type { WorkQueueMetrics } from '../../client/workqueue/metrics.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { Logger } from '../../machinery/log/logger.js';

/**
 * A controller: `run` waits for its informers to sync, runs its workers, and resolves once `signal` has aborted
 * and every worker has stopped. It throws only on a failure that should stop the whole controller manager.
 */
export interface Controller {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}

export interface ControllerContext {
  client: Client;
  informers: SharedInformerFactory;
  clock: Clock;
  recorder: EventRecorder;
  /** Already bound to the controller's name by the manager. */
  logger: Logger;
  /**
   * The workqueue_* metrics hooks every queue of the controller reports to (given by the manager when it has a
   * metrics registry; absent in tests). Queues are made with `newControllerQueue`, which passes them on.
   */
  queueMetrics?: WorkQueueMetrics;
}

/** Builds a controller from the shared context (one entry per controller in the manager's table). */
export type ControllerFactory = (ctx: ControllerContext) => Controller;
