/**
 * What the scheduling and binding cycles (schedule-one.ts, find-nodes.ts, binding-cycle.ts, failure.ts) work
 * with: the Scheduler object implements it. Kept apart so that those files do not import scheduler.ts.
 */
import type { Client } from '../client/interface.js';
import type { Lister } from '../client/informer/interface.js';
import type { Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import type { SchedulerCache } from './cache/cache.js';
import type { Snapshot } from './cache/snapshot.js';
import type { DiagnosisStore } from './diagnosis.js';
import type { SchedulerMetrics } from './metrics.js';
import type { SchedulingQueue } from './queue/interface.js';
import type { Framework } from './runtime/framework.js';
import type { P } from './framework/types.js';
import type { PodObject } from './informers.js';

export interface CycleContext {
  readonly client: Client;
  readonly cache: SchedulerCache;
  readonly snapshot: Snapshot;
  readonly queue: SchedulingQueue;
  /** The pods informer's lister: the failure handler re-reads the pod before requeueing it. */
  readonly podLister: Lister<PodObject>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: SchedulerMetrics;
  readonly diagnoses: DiagnosisStore;
  /** A uniform [0, 1) source for tie breaking (injected so tests can fix it). */
  readonly random: () => number;
  /** The global percentageOfNodesToScore (0 = adaptive); a profile may override it. */
  readonly percentageOfNodesToScore: number;
  /** Where the next cycle starts its walk over the nodes (so every node gets its turn). */
  nextStartNodeIndex: number;
  frameworkForPod(pod: P): Framework | undefined;
}
