/**
 * The endpointslice controller: wiring, handlers and the queue. Keys are services; a pod's event queues the
 * selector services of its namespace that select it (now or before); a change or deletion of a managed slice queues
 * its service, so that slices edited or deleted by hand are put back.
 */
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { ENDPOINT_SLICES } from '../../client/resources.js';
import { queueServicesAndTheirPods } from '../util/service-pods.js';
import { newControllerQueue, runController, type Controller, type ControllerContext } from '../framework/index.js';
import { serviceKeyOfSlice, syncEndpointSlices, type EndpointSliceObject, type SliceSyncDeps } from './sync.js';
import { SliceTracker } from './tracker.js';

export interface EndpointSliceControllerOptions {
  /** Upstream's --concurrent-service-endpoint-syncs default. */
  workers?: number;
  queue?: WorkQueue;
}

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';
  readonly queue: WorkQueue;
  private readonly deps: SliceSyncDeps;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly opts: EndpointSliceControllerOptions = {},
  ) {
    this.queue = opts.queue ?? newControllerQueue(ctx, 'endpoint_slice');
    const { services, pods } = queueServicesAndTheirPods(ctx, this.queue);
    const slices = ctx.informers.informerFor<EndpointSliceObject>(ENDPOINT_SLICES);
    const tracker = new SliceTracker();
    this.deps = { client: ctx.client, services: services.lister, pods: pods.lister, slices: slices.lister, recorder: ctx.recorder, tracker };
    // Own writes echoed by the informer need no sync; changes by others (or deletes we did not make) do.
    const sliceChanged = (s: Readonly<EndpointSliceObject>): void => {
      const key = serviceKeyOfSlice(s);
      if (key && tracker.shouldSync(key, s)) this.queue.add(key);
    };
    slices.addEventHandler({
      onUpdate: (_old, cur) => sliceChanged(cur),
      onDelete: (s) => {
        const key = serviceKeyOfSlice(s);
        if (key && !tracker.handleDeletion(key, s)) this.queue.add(key);
      },
    });
  }

  sync(key: string): Promise<void> {
    return syncEndpointSlices(this.deps, key);
  }

  async run(signal: AbortSignal): Promise<void> {
    await runController(this.ctx, signal, [
      { queue: this.queue, workers: this.opts.workers ?? 5, sync: (k) => this.sync(k), errorMessage: 'Error syncing endpoint slices', logKey: 'service' },
    ]);
  }
}

export function newEndpointSliceController(ctx: ControllerContext, opts: EndpointSliceControllerOptions = {}): EndpointSliceController {
  return new EndpointSliceController(ctx, opts);
}
