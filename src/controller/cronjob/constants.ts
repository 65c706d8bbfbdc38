/** Names, annotations, event reasons and limits of the cronjob controller, as upstream. */
export const CONTROLLER_NAME = 'cronjob-controller';
export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** More missed start times than this since the last schedule is reported (TooManyMissedTimes). */
export const MAX_MISSED_SCHEDULES = 100;
/** Requeues land this long after the next schedule so that the sync sees it as due. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export const EVENT_SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const EVENT_FAILED_CREATE = 'FailedCreate';
export const EVENT_SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const EVENT_SAW_COMPLETED_JOB = 'SawCompletedJob';
export const EVENT_UNEXPECTED_JOB = 'UnexpectedJob';
export const EVENT_MISSING_JOB = 'MissingJob';
export const EVENT_JOB_ALREADY_ACTIVE = 'JobAlreadyActive';
export const EVENT_MISS_SCHEDULE = 'MissSchedule';
export const EVENT_TOO_MANY_MISSED = 'TooManyMissedTimes';
export const EVENT_INVALID_SCHEDULE = 'InvalidSchedule';
export const EVENT_UNKNOWN_TIME_ZONE = 'UnknownTimeZone';
