/**
 * The cronjob controller's wiring: informers on cronjobs and jobs; a job's events enqueue its owning CronJob;
 * workers run CronJobSyncer and come back at the next schedule (requeueAfter on the clock).
 */
import { keyOf } from '../../client/informer/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { CRON_JOBS, JOBS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { newControllerQueue, runController, type Controller } from '../framework/index.js';
import { toWorkerResult, type BatchControllerContext, type BatchControllerOptions, type SyncResult } from '../job/context.js';
import { localTimeZone } from './next-schedule.js';
import { CronJobSyncer } from './sync.js';
import type { CronJobObject, JobObject } from './types.js';

export interface CronJobControllerOptions extends BatchControllerOptions {
  /** The zone of CronJobs without spec.timeZone; default the process's (upstream: the controller manager's). */
  localTimeZone?: string;
}

export class CronJobController implements Controller {
  readonly name = 'cronjob';
  readonly queue: WorkQueue;
  private readonly syncer: CronJobSyncer;
  private readonly cronJobs: Lister<CronJobObject>;

  constructor(private readonly ctx: BatchControllerContext, private readonly opts: CronJobControllerOptions = {}) {
    const cjInformer = ctx.informers.informerFor<CronJobObject>(CRON_JOBS);
    const jobInformer = ctx.informers.informerFor<JobObject>(JOBS);
    this.cronJobs = cjInformer.lister;
    this.queue = opts.queue ?? newControllerQueue(ctx, 'cronjob');
    this.syncer = new CronJobSyncer({
      client: ctx.client, cronJobs: cjInformer.lister, jobs: jobInformer.lister, clock: ctx.clock,
      recorder: ctx.recorder, localTimeZone: opts.localTimeZone ?? localTimeZone(),
    });
    const enqueue = (cj: Readonly<CronJobObject>): void => this.queue.add(keyOf(cj));
    cjInformer.addEventHandler({ onAdd: enqueue, onUpdate: (_, cur) => enqueue(cur), onDelete: enqueue });
    const enqueueOwner = (j: Readonly<JobObject>): void => {
      const key = this.ownerKey(j);
      if (key) this.queue.add(key);
    };
    jobInformer.addEventHandler({ onAdd: enqueueOwner, onUpdate: (_, cur) => enqueueOwner(cur), onDelete: enqueueOwner });
  }

  sync(key: string): Promise<SyncResult> {
    return this.syncer.sync(key);
  }

  async run(signal: AbortSignal): Promise<void> {
    const sync = async (k: string) => toWorkerResult(await this.sync(k));
    await runController(this.ctx, signal, [{ queue: this.queue, workers: this.opts.workers ?? 5, sync }]);
  }

  private ownerKey(job: Readonly<JobObject>): string | undefined {
    const ref = job.metadata?.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.kind !== 'CronJob' || !ref.apiVersion.startsWith('batch/')) return undefined;
    const cj = this.cronJobs.get(job.metadata?.namespace ?? '', ref.name);
    return cj && cj.metadata?.uid === ref.uid ? keyOf(cj) : undefined;
  }
}

export function newCronJobController(ctx: BatchControllerContext, opts?: CronJobControllerOptions): CronJobController {
  return new CronJobController(ctx, opts);
}
