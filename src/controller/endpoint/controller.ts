/**
 * The endpoints controller: wiring, handlers and the queue. Keys are services (`namespace/name`). A pod's event
 * queues every service of its namespace whose selector matches the pod's old or new labels (as upstream's
 * GetPodServiceMemberships); an Endpoints deletion queues its key, so that a selector service's Endpoints come back.
 */
import { keyOf, type Informer } from '../../client/informer/interface.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { ENDPOINTS, PODS, SERVICES } from '../../client/resources.js';
import { selectorFromSet } from '../../machinery/labels/index.js';
import type { PodObject } from '../util/endpoints.js';
import { createRateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import { runWorkers, type Controller, type ControllerContext } from '../framework/index.js';
import { hasSelector, syncEndpoints, type EndpointsObject, type EndpointsSyncDeps, type ServiceObject } from './sync.js';

export interface EndpointsControllerOptions {
  /** Upstream's --concurrent-endpoint-syncs default. */
  workers?: number;
  queue?: WorkQueue;
}

export class EndpointsController implements Controller {
  readonly name = 'endpoints-controller';
  readonly queue: WorkQueue;
  private readonly deps: EndpointsSyncDeps;
  private readonly services: Informer<ServiceObject>;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: EndpointsControllerOptions = {},
  ) {
    this.queue = opts.queue ?? createRateLimitingQueue({ clock: ctx.clock, name: 'endpoint' });
    this.services = ctx.informers.informerFor<ServiceObject>(SERVICES);
    const pods = ctx.informers.informerFor<PodObject>(PODS);
    const endpoints = ctx.informers.informerFor<EndpointsObject>(ENDPOINTS);
    this.deps = { client: ctx.client, services: this.services.lister, pods: pods.lister, endpoints: endpoints.lister };
    this.services.addEventHandler({
      onAdd: (s) => this.queue.add(keyOf(s)),
      onUpdate: (_old, cur) => this.queue.add(keyOf(cur)),
      onDelete: (s) => this.queue.add(keyOf(s)),
    });
    pods.addEventHandler({
      onAdd: (p) => this.queueServicesOf(p),
      onUpdate: (old, cur) => this.queueServicesOf(cur, old),
      onDelete: (p) => this.queueServicesOf(p),
    });
    endpoints.addEventHandler({ onDelete: (e) => this.queue.add(keyOf(e)) });
  }

  sync(key: string): Promise<void> {
    return syncEndpoints(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    this.ctx.informers.start(signal);
    if (!(await this.ctx.informers.waitForCacheSync(signal))) return;
    const log = this.ctx.logger;
    const onError = (key: string, err: unknown): void => log.error('Error syncing endpoints', { service: key, err: String(err) });
    await runWorkers({ queue: this.queue, workers: this.opts.workers ?? 5, sync: (k) => this.sync(k), signal, clock: this.ctx.clock, onError });
  }

  /** Queues the selector services of the pod's namespace that select it now or selected it before. */
  private queueServicesOf(pod: Readonly<PodObject>, old?: Readonly<PodObject>): void {
    const ns = pod.metadata?.namespace ?? '';
    for (const svc of this.services.lister.list(ns)) {
      if (!hasSelector(svc)) continue;
      const sel = selectorFromSet(svc.spec?.selector ?? {});
      if (sel.matches(pod.metadata?.labels) || (old && sel.matches(old.metadata?.labels))) this.queue.add(keyOf(svc));
    }
  }
}

export function newEndpointsController(ctx: ControllerContext, opts: EndpointsControllerOptions = {}): EndpointsController {
  return new EndpointsController(ctx, opts);
}
