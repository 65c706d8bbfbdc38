/**
 * The scheduler component (upstream's kube-scheduler): `runScheduler` builds the scheduler from a
 * KubeSchedulerConfiguration (the defaults when none is given) and a plugin registry, and runs it — under a leader
 * election on the Lease kube-system/kube-scheduler (15 s / 10 s / 2 s, from the config) unless told not to.
 * It resolves once `signal` aborted and the bindings in flight have finished — or, with leader election, once
 * leadership was lost (the caller should then exit, as kube-scheduler does).
 *
 * Informers and scheduling start only while leading (upstream's delayCacheUntilActive=true behaviour).
 */
import { hostname } from 'node:os';
import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Registry as MetricsRegistry } from 'prom-client';
import type { Client } from '../client/interface.js';
import { createSharedInformerFactory } from '../client/informer/factory.js';
import { runLeaderElection } from '../client/leaderelection/index.js';
import { createEventRecorder, type SinkEventRecorder } from '../client/record/recorder.js';
import { realClock, type Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import { durationMs } from './config/duration.js';
import { defaultConfiguration } from './config/load.js';
import type { KubeSchedulerConfiguration } from './config/types.js';
import type { DiagnosisStore } from './diagnosis.js';
import type { Registry } from './framework/interface.js';
import { NOP_METRICS, schedulerMetrics } from './metrics.js';
import { Scheduler, type QueueFactory } from './scheduler.js';

export interface RunSchedulerOptions {
  client: Client;
  logger: Logger;
  clock?: Clock;
  /** Plugin name → factory (the in-tree plugins, plus any others the config names). */
  registry: Registry;
  /** Loaded with config/load.ts; default: the upstream defaults (one `default-scheduler` profile). */
  config?: KubeSchedulerConfiguration;
  /** Default: config.leaderElection.leaderElect (true). */
  leaderElect?: boolean;
  identity?: string;
  metricsRegistry?: MetricsRegistry;
  /** Builds the scheduling queue; default the PriorityQueue of src/scheduler/queue. */
  newQueue?: QueueFactory;
  /** Keeps the per-node verdicts of unschedulable pods; pass one to read them (explain-schedule). */
  diagnoses?: DiagnosisStore;
  maxConcurrentBindings?: number;
  /** Called with the scheduler once it runs (its caches synced), e.g. to expose it for debugging. */
  onStarted?: (s: Scheduler) => void;
}

interface Built {
  scheduler: Scheduler;
  informers: ReturnType<typeof createSharedInformerFactory>;
  recorders: SinkEventRecorder[];
}

/** Builds everything up front, so that a bad configuration or registry fails the start, not a leadership term. */
function build(o: RunSchedulerOptions, config: KubeSchedulerConfiguration, clock: Clock): Built {
  const log = o.logger.child({ component: 'scheduler' });
  const informers = createSharedInformerFactory(o.client, { clock, logger: log });
  const recorders: SinkEventRecorder[] = [];
  const recorderFor = (schedulerName: string): SinkEventRecorder => {
    const r = createEventRecorder({ client: o.client, clock, component: schedulerName, logger: log });
    recorders.push(r);
    return r;
  };
  const scheduler = new Scheduler({
    client: o.client,
    informers,
    config,
    registry: o.registry,
    ...(o.newQueue ? { newQueue: o.newQueue } : {}),
    clock,
    logger: log,
    recorderFor,
    metrics: o.metricsRegistry ? schedulerMetrics(o.metricsRegistry) : NOP_METRICS,
    ...(o.diagnoses ? { diagnoses: o.diagnoses } : {}),
    ...(o.maxConcurrentBindings ? { maxConcurrentBindings: o.maxConcurrentBindings } : {}),
  });
  return { scheduler, informers, recorders };
}

/** Starts the informers, waits for their caches, schedules until `signal` aborts. */
async function run(o: RunSchedulerOptions, b: Built, signal: AbortSignal): Promise<void> {
  setMaxListeners(0, signal); // every informer and timer of the scheduler listens on it
  try {
    b.informers.start(signal);
    if (!(await b.informers.waitForCacheSync(signal))) return;
    o.onStarted?.(b.scheduler);
    b.scheduler.logger.info('Scheduler started', { profiles: [...b.scheduler.profiles.keys()] });
    await b.scheduler.run(signal);
  } finally {
    b.scheduler.queue.close();
    for (const r of b.recorders) r.shutdown();
  }
}

export async function runScheduler(o: RunSchedulerOptions, signal: AbortSignal): Promise<void> {
  const clock = o.clock ?? realClock;
  const config = o.config ?? defaultConfiguration();
  const built = build(o, config, clock);
  const le = config.leaderElection;
  if (!(o.leaderElect ?? le.leaderElect)) return run(o, built, signal);
  await runLeaderElection({
    client: o.client,
    clock,
    namespace: le.resourceNamespace,
    name: le.resourceName,
    identity: o.identity ?? `${hostname()}_${randomUUID()}`,
    leaseDurationMs: durationMs(le.leaseDuration) ?? 15_000,
    renewDeadlineMs: durationMs(le.renewDeadline) ?? 10_000,
    retryPeriodMs: durationMs(le.retryPeriod) ?? 2_000,
    releaseOnCancel: true,
    signal,
    logger: o.logger,
    onStartedLeading: (leading) => run(o, built, leading),
    onNewLeader: (id) => o.logger.info('scheduler leader', { identity: id }),
  });
  // Not leading (never, or no more): the queue's timers must not outlive the call.
  built.scheduler.queue.close();
}

export { Scheduler, newPriorityQueue, type QueueFactory, type SchedulerOptions } from './scheduler.js';
export { DiagnosisStore, type NodeVerdict, type PodDiagnosis, type VerdictGroup } from './diagnosis.js';
export { Framework, type FrameworkOptions } from './runtime/framework.js';
export { loadConfigurationFile, parseConfiguration, defaultConfiguration, ConfigError } from './config/load.js';
export type { KubeSchedulerConfiguration } from './config/types.js';
