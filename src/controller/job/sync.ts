/**
 * syncJob: count finished pods, then decide — finishing (Failed/Complete after FailureTarget/SuccessCriteriaMet),
 * a new failure, success, suspension — or manage the pods; finally recompute and write the status.
 */
import type { JobObject as Job } from './types.js';
import { splitKey } from '../../client/informer/interface.js';
import { labelSelectorAsSelector } from '../../machinery/labels/index.js';
import { formatRFC3339 } from '../../machinery/meta/timestamp.js';
import { nextBackoffRecord, remainingBackoff, type BackoffRecord } from './backoff.js';
import { hasTrueCondition, isJobFinished, newCondition, setCondition } from './conditions.js';
import {
  COND_FAILURE_TARGET, COND_SUCCESS_CRITERIA_MET, COND_SUSPENDED, EVENT_RESUMED, EVENT_SUSPENDED,
  MESSAGE_RESUMED, MESSAGE_SUSPENDED, REASON_RESUMED, REASON_SUSPENDED,
} from './constants.js';
import type { JobDeps, SyncResult } from './context.js';
import {
  completionsReached, countSucceeded, deadlineRemaining, finishCompleting, finishFailing, newFailure,
  startCompleting, startFailing, type PodView,
} from './finish.js';
import { parseIndexes } from './indexed.js';
import { createPods, deletePods, planIndexed, planNonIndexed, type ManagePlan } from './manage.js';
import { isActive, isReady, isTerminating, onlyReplaceFailedPods, type ReadonlyPod } from './pod-state.js';
import { isControlledBy } from './pod-template.js';
import { trackFinishedPods, writeJobStatus } from './tracking.js';

const minDefined = (...xs: (number | undefined)[]): number | undefined => {
  const ds = xs.filter((x): x is number => x !== undefined);
  return ds.length ? Math.min(...ds) : undefined;
};

export class JobSyncer {
  constructor(private readonly deps: JobDeps) {}

  /** The pods the job controls and selects. */
  podsOf(job: Readonly<Job>): ReadonlyPod[] {
    let selector;
    try {
      selector = labelSelectorAsSelector(job.spec?.selector);
    } catch {
      return [];
    }
    const uid = job.metadata?.uid;
    return this.deps.pods.list(job.metadata?.namespace, (l) => selector.matches(l)).filter((p) => isControlledBy(p, uid));
  }

  async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const cached = this.deps.jobs.get(namespace, name);
    if (!cached) {
      this.deps.backoff.remove(key);
      this.deps.expectations.deleteExpectations(key);
      return {};
    }
    if (isJobFinished(cached)) return {};
    const pods = this.podsOf(cached);
    const tracked = await trackFinishedPods(this.deps, structuredClone(cached) as Job, pods);
    const rec = nextBackoffRecord(this.deps.backoff.get(key), tracked.finished);
    this.deps.backoff.set(key, rec);
    const job = tracked.job;
    const before = JSON.stringify(job.status ?? {});
    const view: PodView = {
      all: pods, active: pods.filter(isActive), created: 0,
      terminating: pods.filter(isTerminating).length, ready: pods.filter((p) => isActive(p) && isReady(p)).length,
    };
    const result = await this.reconcile(key, job, view, rec);
    this.recomputeStatus(job, view);
    if (JSON.stringify(job.status) !== before) await writeJobStatus(this.deps, job);
    if (tracked.error) throw tracked.error;
    return result;
  }

  private async reconcile(key: string, job: Job, view: PodView, rec: BackoffRecord): Promise<SyncResult> {
    if (hasTrueCondition(job, COND_FAILURE_TARGET)) return void (await finishFailing(this.deps, job, view)), {};
    if (hasTrueCondition(job, COND_SUCCESS_CRITERIA_MET)) return void (await finishCompleting(this.deps, job, view)), {};
    const failure = newFailure(job, view, this.deps.clock.now());
    if (failure) return void (await startFailing(this.deps, job, view, failure.reason, failure.message)), {};
    if (completionsReached(job, view)) return void (await startCompleting(this.deps, job, view)), {};
    if (job.spec?.suspend) return void (await this.suspend(job, view)), {};
    this.resume(job);
    return this.manage(key, job, view, rec);
  }

  private async suspend(job: Job, view: PodView): Promise<void> {
    await deletePods(this.deps, job, view.active);
    view.terminating += view.active.length;
    view.active = [];
    const cond = newCondition(COND_SUSPENDED, 'True', REASON_SUSPENDED, MESSAGE_SUSPENDED, this.deps.clock.now());
    if (setCondition(job, cond)) this.deps.recorder.event(job, 'Normal', EVENT_SUSPENDED, MESSAGE_SUSPENDED);
  }

  /** Not suspended: starts the clock of activeDeadlineSeconds, restarting it when the job is resumed. */
  private resume(job: Job): void {
    const now = this.deps.clock.now();
    const status = (job.status ??= {});
    if (hasTrueCondition(job, COND_SUSPENDED)) {
      setCondition(job, newCondition(COND_SUSPENDED, 'False', REASON_RESUMED, MESSAGE_RESUMED, now));
      this.deps.recorder.event(job, 'Normal', EVENT_RESUMED, MESSAGE_RESUMED);
      status.startTime = formatRFC3339(now);
    }
    status.startTime ??= formatRFC3339(now);
  }

  private async manage(key: string, job: Job, view: PodView, rec: BackoffRecord): Promise<SyncResult> {
    const now = this.deps.clock.now();
    const deadline = deadlineRemaining(job, now);
    if (!this.deps.expectations.satisfiedExpectations(key)) return { requeueAfterMs: deadline };
    const plan = this.plan(job, view);
    await deletePods(this.deps, job, plan.remove);
    view.active = view.active.filter((p) => !plan.remove.includes(p));
    view.terminating += plan.remove.length;
    const wait = plan.create.length ? remainingBackoff(rec, now.getTime()) : 0;
    if (wait > 0) return { requeueAfterMs: minDefined(wait, deadline) };
    await createPods(this.deps, job, plan.create);
    view.created += plan.create.length;
    return { requeueAfterMs: deadline };
  }

  private plan(job: Readonly<Job>, view: PodView): ManagePlan {
    const parallelism = job.spec?.parallelism ?? 1;
    // Replacements wait for terminating pods to be gone when the job replaces failed pods only.
    const busy = onlyReplaceFailedPods(job) ? view.terminating : 0;
    if (job.spec?.completionMode === 'Indexed') {
      const completed = new Set(parseIndexes(job.status?.completedIndexes, job.spec?.completions ?? 0));
      const plan = planIndexed(job, view.active, completed, parallelism);
      return { ...plan, create: plan.create.slice(0, Math.max(0, plan.create.length - busy)) };
    }
    const completions = job.spec?.completions;
    const succeeded = countSucceeded(job);
    const want = completions === undefined || completions === null
      ? (succeeded > 0 ? 0 : parallelism)
      : Math.min(parallelism, Math.max(0, completions - succeeded));
    const plan = planNonIndexed(view.active, Math.max(view.active.length, want - busy));
    return view.active.length > want ? planNonIndexed(view.active, want) : plan;
  }

  private recomputeStatus(job: Job, view: PodView): void {
    const status = (job.status ??= {});
    status.active = view.active.length + view.created;
    status.ready = view.ready;
    status.terminating = view.terminating;
    status.uncountedTerminatedPods ??= {};
    if (isJobFinished(job)) status.active = 0;
  }
}
