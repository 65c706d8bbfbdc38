/**
 * The TTL-after-finished controller: finished Jobs with ttlSecondsAfterFinished are requeued until they expire,
 * then re-read from the API server (the cache may lag behind an update of the TTL) and deleted with background
 * propagation, guarded by the resourceVersion that was checked.
 */
import { keyOf, splitKey } from '../../client/informer/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { JOBS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { newControllerQueue, runController, type Controller } from '../framework/index.js';
import { toWorkerResult, type BatchControllerContext, type BatchControllerOptions, type SyncResult } from '../job/context.js';
import type { JobObject } from '../job/types.js';
import { needsCleanup, timeLeft } from './ttl.js';

export class TTLAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished';
  readonly queue: WorkQueue;
  private readonly jobs: Lister<JobObject>;

  constructor(private readonly ctx: BatchControllerContext, private readonly opts: BatchControllerOptions = {}) {
    const informer = ctx.informers.informerFor<JobObject>(JOBS);
    this.jobs = informer.lister;
    this.queue = opts.queue ?? newControllerQueue(ctx, 'ttl_jobs_to_delete');
    const enqueue = (j: Readonly<JobObject>): void => {
      if (needsCleanup(j)) this.queue.add(keyOf(j));
    };
    informer.addEventHandler({ onAdd: enqueue, onUpdate: (_, cur) => enqueue(cur) });
  }

  async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.jobs.get(namespace, name);
    if (!cached) return {};
    const left = timeLeft(cached, this.ctx.clock.now());
    if (left === undefined) return {};
    if (left > 0) return { requeueAfterMs: left };
    let fresh: JobObject;
    try {
      fresh = await this.ctx.client.get<JobObject>(JOBS, namespace, name);
    } catch (err) {
      if (isNotFoundStatus(err)) return {};
      throw err;
    }
    const freshLeft = timeLeft(fresh, this.ctx.clock.now());
    if (freshLeft === undefined) return {};
    if (freshLeft > 0) return { requeueAfterMs: freshLeft };
    await this.ctx.client.delete(JOBS, namespace, name, {
      propagationPolicy: 'Background',
      preconditions: { resourceVersion: fresh.metadata?.resourceVersion },
    });
    return {};
  }

  async run(signal: AbortSignal): Promise<void> {
    const sync = async (k: string) => toWorkerResult(await this.sync(k));
    await runController(this.ctx, signal, [{ queue: this.queue, workers: this.opts.workers ?? 5, sync }]);
  }
}

export function newTTLAfterFinishedController(ctx: BatchControllerContext, opts?: BatchControllerOptions): TTLAfterFinishedController {
  return new TTLAfterFinishedController(ctx, opts);
}
