/**
 * Keeping status.active true to the jobs: finished jobs leave it (SawCompletedJob) and move lastSuccessfulTime;
 * jobs that vanished leave it (MissingJob); running jobs the CronJob owns but does not list are reported
 * (UnexpectedJob), as upstream.
 */
import type { Client } from '../../client/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { JOBS } from '../../client/resources.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { findCondition, isJobFinished } from '../job/conditions.js';
import { EVENT_MISSING_JOB, EVENT_SAW_COMPLETED_JOB, EVENT_UNEXPECTED_JOB } from './constants.js';
import type { CronJobObject, JobObject } from './types.js';

const finishedType = (j: Readonly<JobObject>): string =>
  findCondition(j, 'Complete')?.status === 'True' ? 'Complete' : 'Failed';

function noteFinished(cj: CronJobObject, j: Readonly<JobObject>, recorder: EventRecorder): void {
  const status = (cj.status ??= {});
  const uid = j.metadata?.uid;
  if (status.active?.some((r) => r.uid === uid)) {
    status.active = status.active.filter((r) => r.uid !== uid);
    recorder.event(cj, 'Normal', EVENT_SAW_COMPLETED_JOB, `Saw completed job: ${j.metadata?.name}, condition: ${finishedType(j)}`);
  }
  const done = j.status?.completionTime;
  if (finishedType(j) === 'Complete' && done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) {
    status.lastSuccessfulTime = done;
  }
}

/** Updates `cj.status.active` and lastSuccessfulTime from the owned jobs (mutates `cj`). */
export async function reconcileActive(client: Client, recorder: EventRecorder, cj: CronJobObject, jobs: readonly Readonly<JobObject>[]): Promise<void> {
  const status = (cj.status ??= {});
  for (const j of jobs) {
    if (isJobFinished(j)) noteFinished(cj, j, recorder);
    else if (!status.active?.some((r) => r.uid === j.metadata?.uid)) {
      recorder.event(cj, 'Warning', EVENT_UNEXPECTED_JOB, `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`);
    }
  }
  const owned = new Set(jobs.map((j) => j.metadata?.uid));
  for (const ref of [...(status.active ?? [])]) {
    if (owned.has(ref.uid)) continue;
    if (await jobExists(client, ref.namespace ?? cj.metadata?.namespace ?? '', ref.name ?? '', ref.uid)) continue;
    recorder.event(cj, 'Normal', EVENT_MISSING_JOB, `Active job went missing: ${ref.name}`);
    status.active = (status.active ?? []).filter((r) => r.uid !== ref.uid);
  }
}

/** Whether the listed job still exists (a fresh read: the cache may lag behind a job just created). */
async function jobExists(client: Client, namespace: string, name: string, uid: string | undefined): Promise<boolean> {
  try {
    const j = await client.get<JobObject>(JOBS, namespace, name);
    return j.metadata?.uid === uid;
  } catch (err) {
    if (isNotFoundStatus(err)) return false;
    throw err;
  }
}
