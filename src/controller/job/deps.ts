/** What one job sync works with: the client, the listers, the clock, the recorder and the per-job memory. */
import type { JobObject as Job } from './types.js';
import type { PodObject as Pod } from './types.js';
import type { Client } from '../../client/interface.js';
import type { Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { JOBS } from '../../client/resources.js';
import type { Clock } from '../../machinery/clock/clock.js';
import type { BackoffStore } from './backoff.js';
import type { Expectations } from './expectations.js';

export interface JobDeps {
  client: Client;
  jobs: Lister<Job>;
  pods: Lister<Pod>;
  clock: Clock;
  recorder: EventRecorder;
  backoff: BackoffStore;
  expectations: Expectations;
}

/** Writes the job's status through the status subresource; returns the stored job (new resourceVersion). */
export const writeJobStatus = (deps: JobDeps, job: Job): Promise<Job> =>
  deps.client.update<Job>(JOBS, job.metadata?.namespace ?? '', job, { subresource: 'status' });
