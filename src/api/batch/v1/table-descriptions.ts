/**
 * OpenAPI descriptions of the batch/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'CronJobSpec.schedule':
    'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.',
  'CronJobSpec.suspend':
    'This flag tells the controller to suspend subsequent executions, it does not apply to already ' +
    'started executions.  Defaults to false.',
  'CronJobSpec.timeZone':
    'The time zone name for the given schedule, see ' +
    'https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to ' +
    'the time zone of the kube-controller-manager process. The set of valid time zone names and the time ' +
    'zone offset is loaded from the system-wide time zone database by the API server during CronJob ' +
    'validation and the controller manager during execution. If no system-wide time zone database can be ' +
    'found a bundled version of the database is used instead. If the time zone name becomes invalid ' +
    'during the lifetime of a CronJob or due to a change in host configuration, the controller will stop ' +
    'creating new new Jobs and will create a system event with the reason UnknownTimeZone. More ' +
    'information can be found in ' +
    'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
  'CronJobStatus.active':
    'A list of pointers to currently running jobs.',
  'CronJobStatus.lastScheduleTime':
    'Information when was the last time the job was successfully scheduled.',
  'JobSpec.selector':
    'A label query over pods that should match the pod count. Normally, the system sets this field for ' +
    'you. More info: ' +
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  'JobStatus.succeeded':
    'The number of pods which reached phase Succeeded. The value increases monotonically for a given ' +
    'spec. However, it may decrease in reaction to scale down of elastic indexed jobs.',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
