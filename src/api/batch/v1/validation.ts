/** batch/v1 validation (upstream's pkg/apis/batch/validation): jobs, their generated selectors, and cronjobs. */
import type { CronJob, Job, JobSpec } from 'kubernetes-types/batch/v1.js';
import { FieldPath, invalid, notSupported, required, type ErrorList } from '../../../machinery/validation/field.js';
import { selectorMatches, validateLabelSelector } from '../../../machinery/validation/label-selector.js';
import { maxLenError } from '../../../machinery/validation/names.js';
import { validateImmutable, validateNonnegative, validatePositive } from '../../../machinery/validation/numeric.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../../machinery/validation/objectmeta.js';
import { validatePodTemplateSpec } from '../../core/v1/pod-validation.js';
import { cronScheduleErrors } from './cron-schedule.js';
import { CONTROLLER_UID_LABEL } from './selector.js';

const META = { namespaced: true };
const SPEC = FieldPath.root('spec');
const withoutMeta = (errs: ErrorList): ErrorList => errs.filter((e) => !e.field.startsWith('metadata'));

function validateJobTemplate(spec: JobSpec, path: FieldPath): ErrorList {
  const errs = validatePodTemplateSpec(spec.template, path.child('template'));
  const labels = spec.template?.metadata?.labels ?? {};
  if (spec.selector && !selectorMatches(spec.selector, labels)) {
    errs.push(invalid(path.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
  }
  const rp = spec.template?.spec?.restartPolicy;
  const rpPath = path.child('template', 'spec', 'restartPolicy');
  if (rp === 'Always') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp && !['OnFailure', 'Never'].includes(rp)) errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  return errs;
}

/** The spec shared by Jobs and CronJob job templates. */
export function validateJobSpec(spec: JobSpec | undefined, path: FieldPath, requireSelector: boolean): ErrorList {
  const s = spec ?? ({} as JobSpec);
  const errs = [
    ...validateNonnegative(s.parallelism, path.child('parallelism')),
    ...validateNonnegative(s.completions, path.child('completions')),
    ...validateNonnegative(s.backoffLimit, path.child('backoffLimit')),
    ...validatePositive(s.activeDeadlineSeconds, path.child('activeDeadlineSeconds')),
    ...validateNonnegative(s.ttlSecondsAfterFinished, path.child('ttlSecondsAfterFinished')),
    ...validateJobTemplate(s, path),
  ];
  if (!s.selector) {
    if (requireSelector) errs.push(required(path.child('selector'), ''));
  } else errs.push(...validateLabelSelector(s.selector, path.child('selector')));
  const mode = s.completionMode;
  if (mode && !['Indexed', 'NonIndexed'].includes(mode)) errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
  if (mode === 'Indexed' && s.completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
  const prp = s.podReplacementPolicy;
  if (prp && !['Failed', 'TerminatingOrFailed'].includes(prp)) {
    errs.push(notSupported(path.child('podReplacementPolicy'), prp, ['TerminatingOrFailed', 'Failed']));
  }
  return errs;
}

/** Without manualSelector, the selector must be the one generated from the Job's uid. */
function validateGeneratedSelector(job: Job): ErrorList {
  if (job.spec?.manualSelector) return [];
  const uid = job.metadata?.uid;
  if (!uid) return [required(FieldPath.root('metadata', 'uid'), '')];
  const errs: ErrorList = [];
  if (job.spec?.selector && !selectorMatches(job.spec.selector, { [CONTROLLER_UID_LABEL]: uid })) {
    errs.push(invalid(SPEC.child('selector'), job.spec.selector, '`selector` not auto-generated'));
  }
  const labelPath = SPEC.child('template', 'metadata', 'labels').key(CONTROLLER_UID_LABEL);
  const label = job.spec?.template?.metadata?.labels?.[CONTROLLER_UID_LABEL];
  if (label === undefined) errs.push(required(labelPath, ''));
  else if (label !== uid) errs.push(invalid(labelPath, label, `must be '${uid}'`));
  return errs;
}

export function validateJob(job: Job): ErrorList {
  return [...validateObjectMeta(job.metadata, META), ...validateGeneratedSelector(job), ...validateJobSpec(job.spec, SPEC, true)];
}

/** The template may change only while the job is suspended and has never started. */
export function validateJobUpdate(next: Job, prev: Job): ErrorList {
  const errs = [...validateObjectMetaUpdate(next.metadata, prev.metadata, META), ...withoutMeta(validateJob(next))];
  const n = next.spec ?? ({} as JobSpec);
  const o = prev.spec ?? ({} as JobSpec);
  errs.push(...validateImmutable(n.selector, o.selector, SPEC.child('selector')));
  errs.push(...validateImmutable(n.completionMode, o.completionMode, SPEC.child('completionMode')));
  const elasticIndexed = n.completionMode === 'Indexed' && n.completions === n.parallelism && o.completions === o.parallelism;
  if (!elasticIndexed) errs.push(...validateImmutable(n.completions, o.completions, SPEC.child('completions')));
  const neverStarted = o.suspend === true && !prev.status?.startTime;
  if (!neverStarted) errs.push(...validateImmutable(n.template, o.template, SPEC.child('template')));
  return errs;
}

const CRONJOB_NAME_MAX = 52;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateSchedule(schedule: string | undefined, timeZone: string | undefined, path: FieldPath): ErrorList {
  if (!schedule) return [required(path.child('schedule'), '')];
  const errs = cronScheduleErrors(schedule).map((m) => invalid(path.child('schedule'), schedule, m));
  if (/(^|\s)(CRON_)?TZ=/.test(schedule)) {
    errs.push(invalid(path.child('schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    errs.push(invalid(path.child('timeZone'), timeZone, `unknown time zone ${timeZone}`));
  }
  return errs;
}

function isValidTimeZone(tz: string): boolean {
  if (tz === '' || /\s/.test(tz) || tz.toLowerCase() === 'local') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function validateCronJob(cj: CronJob): ErrorList {
  const errs = validateObjectMeta(cj.metadata, META);
  const name = cj.metadata?.name ?? '';
  if (name.length > CRONJOB_NAME_MAX) errs.push(invalid(FieldPath.root('metadata', 'name'), name, maxLenError(CRONJOB_NAME_MAX)));
  const spec = cj.spec ?? ({} as NonNullable<CronJob['spec']>);
  errs.push(...validateSchedule(spec.schedule, spec.timeZone, SPEC));
  const cp = spec.concurrencyPolicy;
  if (!cp) errs.push(required(SPEC.child('concurrencyPolicy'), ''));
  else if (!CONCURRENCY_POLICIES.includes(cp)) errs.push(notSupported(SPEC.child('concurrencyPolicy'), cp, CONCURRENCY_POLICIES));
  errs.push(
    ...validateNonnegative(spec.startingDeadlineSeconds, SPEC.child('startingDeadlineSeconds')),
    ...validateNonnegative(spec.successfulJobsHistoryLimit, SPEC.child('successfulJobsHistoryLimit')),
    ...validateNonnegative(spec.failedJobsHistoryLimit, SPEC.child('failedJobsHistoryLimit')),
    ...validateJobSpec(spec.jobTemplate?.spec, SPEC.child('jobTemplate', 'spec'), false),
  );
  return errs;
}

export function validateCronJobUpdate(next: CronJob, prev: CronJob): ErrorList {
  return [...validateObjectMetaUpdate(next.metadata, prev.metadata, META), ...withoutMeta(validateCronJob(next))];
}
