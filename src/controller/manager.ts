/**
 * The controller manager (upstream's kube-controller-manager): one shared informer factory and one event
 * recorder per controller over one Client, the controllers of CONTROLLERS run under a leader election on the Lease
 * kube-system/kube-controller-manager, so that only one manager acts when several run. `run` resolves once the
 * signal aborted and every controller stopped.
 */
import { hostname } from 'node:os';
import { setMaxListeners } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Client } from '../client/interface.js';
import { createSharedInformerFactory } from '../client/informer/factory.js';
import { runLeaderElection } from '../client/leaderelection/index.js';
import { createEventRecorder } from '../client/record/recorder.js';
import { realClock, type Clock } from '../machinery/clock/clock.js';
import type { Logger } from '../machinery/log/logger.js';
import type { Controller, ControllerContext } from './framework/types.js';
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
}

export const LEASE = { namespace: 'kube-system', name: 'kube-controller-manager' };

/** Starts the selected controllers on one informer factory; resolves when all of them have stopped. */
async function runControllers(o: ControllerManagerOptions, clock: Clock, signal: AbortSignal): Promise<void> {
  setMaxListeners(0, signal); // every informer and worker of every controller listens on it
  const informers = createSharedInformerFactory(o.client, { clock, logger: o.logger.child({ component: 'informers' }) });
  const selected = Object.entries(CONTROLLERS).filter(([name]) => !o.controllers || o.controllers.includes(name));
  const recorders = [];
  const running: Promise<void>[] = [];
  for (const [name, factory] of selected) {
    const recorder = createEventRecorder({ client: o.client, clock, component: `${name}-controller`, logger: o.logger });
    recorders.push(recorder);
    const ctx: ControllerContext = { client: o.client, informers, clock, recorder, logger: o.logger.child({ controller: name }) };
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
    onStartedLeading: (leading) => runControllers(o, clock, leading),
    onNewLeader: (id) => o.logger.info('controller manager leader', { identity: id }),
  });
}
