/**
 * The controller manager (upstream's kube-controller-manager): one shared informer factory and one event
 * recorder per controller over one Client, the controllers of CONTROLLERS run under a leader election on the Lease
 * kube-system/kube-controller-manager, so that only one manager acts when several run. `run` resolves once the
 * signal aborted and every controller stopped. Given a prom-client registry, the controllers' work queues report
 * upstream's workqueue_* metrics there, and leader_election_master_status{name="kube-controller-manager"} says
 * whether this manager leads (1) or waits (0).
 */
import { hostname } from 'node:os';
import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import type { Client } from '../client/interface.js';
import { createSharedInformerFactory } from '../client/informer/factory.js';
import { runLeaderElection } from '../client/leaderelection/index.js';
import { createEventRecorder } from '../client/record/recorder.js';
import { workQueueMetrics } from '../client/workqueue/prometheus.js';
import { realClock, type Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import type { Controller, ControllerContext } from './framework/types.js';
import { leaderElectionMasterStatus } from './leader-metrics.js';
import { CONTROLLERS } from './registry.js';

export interface ControllerManagerOptions {
  client: Client;
  logger: Logger;
  clock?: Clock;
  /** Names from CONTROLLERS to run; default all. */
  controllers?: string[];
  /** Default true; false runs the controllers at once (a single manager in tests). */
  leaderElect?: boolean;
  identity?: string;
  /** Where the controllers' metrics go (the lead serves it on /metrics); none → no metrics. */
  registry?: Registry;
}

export const LEASE = { namespace: 'kube-system', name: 'kube-controller-manager' };

/** Starts the selected controllers on one informer factory; resolves when all of them have stopped. */
async function runControllers(o: ControllerManagerOptions, clock: Clock, signal: AbortSignal): Promise<void> {
  setMaxListeners(0, signal); // every informer and worker of every controller listens on it
  const informers = createSharedInformerFactory(o.client, { clock, logger: o.logger.child({ component: 'informers' }) });
  const selected = Object.entries(CONTROLLERS).filter(([name]) => !o.controllers || o.controllers.includes(name));
  const recorders = [];
  const running: Promise<void>[] = [];
  const queueMetrics = o.registry && workQueueMetrics(o.registry);
  for (const [name, factory] of selected) {
    const recorder = createEventRecorder({ client: o.client, clock, component: `${name}-controller`, logger: o.logger });
    recorders.push(recorder);
    const ctx: ControllerContext = { client: o.client, informers, clock, recorder, logger: o.logger.child({ controller: name }), queueMetrics };
    const controller: Controller = factory(ctx);
    running.push(
      controller.run(signal).catch((err: unknown) => o.logger.error('controller stopped with an error', { controller: name, err: String(err) })),
    );
  }
  informers.start(signal);
  o.logger.info('controllers started', { count: selected.length });
  await Promise.all(running);
  for (const r of recorders) r.shutdown();
}

export async function runControllerManager(o: ControllerManagerOptions, signal: AbortSignal): Promise<void> {
  const clock = o.clock ?? realClock;
  if (o.leaderElect === false) return runControllers(o, clock, signal);
  const leading = o.registry && leaderElectionMasterStatus(o.registry, LEASE.name);
  await runLeaderElection({
    client: o.client,
    clock,
    ...LEASE,
    identity: o.identity ?? `${hostname()}_${randomUUID()}`,
    leaseDurationMs: 15_000,
    renewDeadlineMs: 10_000,
    retryPeriodMs: 2_000,
    releaseOnCancel: true,
    signal,
    onStartedLeading: (lead) => {
      leading?.(true);
      lead.addEventListener('abort', () => leading?.(false), { once: true });
      return runControllers(o, clock, lead);
    },
    onStoppedLeading: () => leading?.(false),
    onNewLeader: (id) => o.logger.info('controller manager leader', { identity: id }),
  });
}
