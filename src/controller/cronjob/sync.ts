/**
 * syncCronJob: reconcile status.active with the owned jobs, then — unless the CronJob is being deleted or is
 * suspended — start the most recent due schedule subject to startingDeadlineSeconds and concurrencyPolicy, clean
 * up finished jobs beyond the history limits, write the status, and come back when the next schedule is due.
 */
import { parseCronSchedule, type CronSchedule } from '../../api/batch/v1/cron-schedule.js';
import type { Client } from '../../client/interface.js';
import { splitKey, type Lister } from '../../client/informer/interface.js';
import type { EventRecorder } from '../../client/record/interface.js';
import { CRON_JOBS, JOBS } from '../../client/resources.js';
import type { Clock } from '../../machinery/clock/clock.js';
import { isAlreadyExistsStatus } from '../../machinery/errors/status.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import type { SyncResult } from '../job/context.js';
import { isControlledBy } from '../job/pod-template.js';
import { reconcileActive } from './active.js';
import * as C from './constants.js';
import { deleteJob, jobsToClean } from './history.js';
import { jobFromTemplate, jobNameFor, jobReference } from './job-template.js';
import { formatRFC1123Z, isValidTimeZone } from './next-schedule.js';
import { dueSchedule, untilNextSchedule } from './schedule.js';
import type { CronJobObject, JobObject } from './types.js';

export interface CronJobDeps {
  client: Client;
  cronJobs: Lister<CronJobObject>;
  jobs: Lister<JobObject>;
  clock: Clock;
  recorder: EventRecorder;
  /** The zone of CronJobs without spec.timeZone. */
  localTimeZone: string;
}

export class CronJobSyncer {
  constructor(private readonly deps: CronJobDeps) {}

  async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.deps.cronJobs.get(namespace, name);
    if (!cached) return {};
    const cj = structuredClone(cached) as CronJobObject;
    const jobs = this.deps.jobs.list(namespace).filter((j) => isControlledBy(j, cj.metadata?.uid));
    const before = JSON.stringify(cj.status ?? {});
    await reconcileActive(this.deps.client, this.deps.recorder, cj, jobs);
    const result = cj.metadata?.deletionTimestamp ? {} : await this.schedule(cj);
    for (const j of jobsToClean(cj, jobs)) await deleteJob(this.deps.client, this.deps.recorder, cj, j.metadata?.name ?? '');
    if (JSON.stringify(cj.status ?? {}) !== before) {
      await this.deps.client.update(CRON_JOBS, namespace, cj, { subresource: 'status' });
    }
    return result;
  }

  /** The zone and parsed schedule, or undefined (after an event) when either is invalid. */
  private parse(cj: CronJobObject): { tz: string; s: CronSchedule } | undefined {
    const tz = cj.spec?.timeZone || this.deps.localTimeZone;
    if (!isValidTimeZone(tz)) {
      this.deps.recorder.event(cj, 'Warning', C.EVENT_UNKNOWN_TIME_ZONE, `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return undefined;
    }
    try {
      return { tz, s: parseCronSchedule(cj.spec?.schedule ?? '') };
    } catch (err) {
      this.deps.recorder.event(cj, 'Warning', C.EVENT_INVALID_SCHEDULE, `invalid schedule: ${cj.spec?.schedule} : ${(err as Error).message}`);
      return undefined;
    }
  }

  private async schedule(cj: CronJobObject): Promise<SyncResult> {
    if (cj.spec?.suspend) return {};
    const parsed = this.parse(cj);
    if (!parsed) return {};
    const { tz, s } = parsed;
    const now = this.deps.clock.now();
    const due = dueSchedule(cj, s, now, tz);
    const requeue = { requeueAfterMs: untilNextSchedule(s, due.mostRecent ?? due.earliest, now, tz) };
    if (due.missed > C.MAX_MISSED_SCHEDULES) {
      const msg = `too many missed start times: ${due.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`;
      this.deps.recorder.event(cj, 'Warning', C.EVENT_TOO_MANY_MISSED, msg);
    }
    const at = due.mostRecent;
    if (!at) return requeue;
    const sds = cj.spec?.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && at.getTime() + sds * 1000 < now.getTime()) {
      this.deps.recorder.event(cj, 'Warning', C.EVENT_MISS_SCHEDULE, `Missed scheduled time to start a job: ${formatRFC1123Z(at)}`);
      return requeue;
    }
    if (this.alreadyStarted(cj, at)) return requeue;
    if (cj.spec?.concurrencyPolicy === 'Forbid' && (cj.status?.active?.length ?? 0) > 0) {
      const msg = 'Not starting job because prior execution is running and concurrency policy is Forbid';
      this.deps.recorder.event(cj, 'Normal', C.EVENT_JOB_ALREADY_ACTIVE, msg);
      return requeue;
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') await this.replaceActive(cj);
    await this.startJob(cj, at, tz);
    return requeue;
  }

  private alreadyStarted(cj: CronJobObject, at: Date): boolean {
    const name = jobNameFor(cj, at);
    const last = cj.status?.lastScheduleTime;
    return (cj.status?.active ?? []).some((r) => r.name === name) || (!!last && Date.parse(last) === at.getTime());
  }

  private async replaceActive(cj: CronJobObject): Promise<void> {
    for (const ref of [...(cj.status?.active ?? [])]) {
      await deleteJob(this.deps.client, this.deps.recorder, cj, ref.name ?? '');
      cj.status!.active = (cj.status!.active ?? []).filter((r) => r.uid !== ref.uid);
    }
  }

  private async startJob(cj: CronJobObject, at: Date, tz: string): Promise<void> {
    const status = (cj.status ??= {});
    let job: JobObject;
    try {
      job = await this.deps.client.create<JobObject>(JOBS, cj.metadata?.namespace ?? '', jobFromTemplate(cj, at, tz));
    } catch (err) {
      // Made by an earlier sync whose status write was lost: the next sync lists it and adopts the schedule.
      if (isAlreadyExistsStatus(err)) return;
      this.deps.recorder.event(cj, 'Warning', C.EVENT_FAILED_CREATE, `Error creating job: ${(err as Error).message}`);
      throw err;
    }
    this.deps.recorder.event(cj, 'Normal', C.EVENT_SUCCESSFUL_CREATE, `Created job ${job.metadata?.name}`);
    status.active = [...(status.active ?? []), jobReference(job)];
    status.lastScheduleTime = formatRFC3339(at);
  }
}
