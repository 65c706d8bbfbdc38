/**
 * The endpoints controller: wiring, handlers and the queue. Keys are services (`namespace/name`). A pod's event
 * queues every service of its namespace whose selector matches the pod's old or new labels (as upstream's
 * GetPodServiceMemberships); an Endpoints deletion queues its key, so that a selector service's Endpoints come back.
 */
import { keyOf } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { ENDPOINTS } from '../../client/resources.js';
import { queueServicesAndTheirPods } from '../util/service-pods.js';
import { newControllerQueue, runController, type Controller, type ControllerContext } from '../framework/index.js';
import { syncEndpoints, type EndpointsObject, type EndpointsSyncDeps } from './sync.js';

export interface EndpointsControllerOptions {
  /** Upstream's --concurrent-endpoint-syncs default. */
  workers?: number;
  queue?: WorkQueue;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  readonly queue: WorkQueue;
  private readonly deps: EndpointsSyncDeps;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: EndpointsControllerOptions = {},
  ) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'endpoint');
    const { services, pods } = queueServicesAndTheirPods(ctx, this.queue);
    const endpoints = ctx.informers.informerFor<EndpointsObject>(ENDPOINTS);
    this.deps = { client: ctx.client, services: services.lister, pods: pods.lister, endpoints: endpoints.lister, recorder: ctx.recorder };
    endpoints.addEventHandler({ onDelete: (e) => this.queue.add(keyOf(e)) });
  }

  sync(key: string): Promise<void> {
    return syncEndpoints(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? 5, sync: (k) => this.sync(k), errorMessage: 'Error syncing endpoints', logKey: 'service' },
    ]);
  }
}

export function newEndpointsController(ctx: ControllerContext, opts: EndpointsControllerOptions = {}): EndpointsController {
  return new EndpointsController(ctx, opts);
}
