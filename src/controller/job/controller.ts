/**
 * The job controller's wiring: informers on jobs and pods, handlers that only enqueue the job's key (a pod's
 * owner job, found through its controllerRef) and observe expectations, and the workers that run JobSyncer.
 */
import { keyOf } from '../../client/informer/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import { JOBS, PODS } from '../../client/resources.js';
import type { WorkQueue } from '../../client/workqueue/interface.js';
import { BackoffStore } from './backoff.js';
import { ControllerExpectations, getControllerOf, newControllerQueue, runController, type Controller } from '../framework/index.js';
import { toWorkerResult, type BatchControllerContext, type BatchControllerOptions, type SyncResult } from './context.js';
import { JobSyncer } from './sync.js';
import type { JobObject, PodObject } from './types.js';

const DEFAULT_WORKERS = 5;

export class JobController implements Controller {
  readonly name = 'job';
  readonly queue: WorkQueue;
  private readonly syncer: JobSyncer;
  private readonly expectations: ControllerExpectations;
  private readonly jobs: Lister<JobObject>;

  constructor(private readonly ctx: BatchControllerContext, private readonly opts: BatchControllerOptions = {}) {
    const jobInformer = ctx.informers.informerFor<JobObject>(JOBS);
    const podInformer = ctx.informers.informerFor<PodObject>(PODS);
    this.jobs = jobInformer.lister;
    this.queue = opts.queue ?? newControllerQueue(ctx, 'job');
    this.expectations = new ControllerExpectations(ctx.clock);
    this.syncer = new JobSyncer({
      client: ctx.client, jobs: jobInformer.lister, pods: podInformer.lister, clock: ctx.clock,
      recorder: ctx.recorder,
      backoff: new BackoffStore(), expectations: this.expectations,
    });
    const enqueueJob = (j: Readonly<JobObject>): void => this.queue.add(keyOf(j));
    jobInformer.addEventHandler({ onAdd: enqueueJob, onUpdate: (_, cur) => enqueueJob(cur), onDelete: enqueueJob });
    podInformer.addEventHandler({
      onAdd: (p) => this.podAdded(p),
      onUpdate: (old, cur) => this.podUpdated(old, cur),
      onDelete: (p) => this.podDeleted(p),
    });
  }

  /** One sync of `key` (the workers call it; tests too). */
  sync(key: string): Promise<SyncResult> {
    return this.syncer.sync(key);
  }

  async run(signal: AbortSignal): Promise<void> {
    const sync = async (k: string) => toWorkerResult(await this.sync(k));
    await runController(this.ctx, signal, [{ queue: this.queue, workers: this.opts.workers ?? DEFAULT_WORKERS, sync }]);
  }

  /** The key of the job controlling `pod`, when that job is in the cache with the same uid. */
  private ownerKey(pod: Readonly<PodObject>): string | undefined {
    const ref = getControllerOf(pod);
    if (!ref || ref.kind !== 'Job' || !ref.apiVersion.startsWith('batch/')) return undefined;
    const job = this.jobs.get(pod.metadata?.namespace ?? '', ref.name);
    return job && job.metadata?.uid === ref.uid ? keyOf(job) : undefined;
  }

  private podAdded(pod: Readonly<PodObject>): void {
    const key = this.ownerKey(pod);
    if (!key) return;
    if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key);
    else this.expectations.creationObserved(key);
    this.queue.add(key);
  }

  private podUpdated(old: Readonly<PodObject>, cur: Readonly<PodObject>): void {
    const key = this.ownerKey(cur);
    if (key && cur.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) this.expectations.deletionObserved(key);
    if (key) this.queue.add(key);
    const oldKey = this.ownerKey(old);
    if (oldKey && oldKey !== key) this.queue.add(oldKey);
  }

  private podDeleted(pod: Readonly<PodObject>): void {
    const key = this.ownerKey(pod);
    if (!key) return;
    // A pod that was already terminating was observed as deleted when its deletionTimestamp appeared.
    if (!pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key);
    this.queue.add(key);
  }
}

export function newJobController(ctx: BatchControllerContext, opts?: BatchControllerOptions): JobController {
  return new JobController(ctx, opts);
}
