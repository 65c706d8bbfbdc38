/** Names, labels, condition types, reasons and messages of the job controller, as upstream. */

export const CONTROLLER_NAME = 'job-controller';
export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const JOB_COMPLETION_INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_LABEL = 'batch.kubernetes.io/job-completion-index';
export const JOB_COMPLETION_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** Pod-failure backoff: 10 s doubling after every failure without a success in between, capped at 6 min. */
export const DEFAULT_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 6 * 60_000;

export const COND_COMPLETE = 'Complete';
export const COND_FAILED = 'Failed';
export const COND_SUSPENDED = 'Suspended';
export const COND_FAILURE_TARGET = 'FailureTarget';
export const COND_SUCCESS_CRITERIA_MET = 'SuccessCriteriaMet';
export const POD_COND_DISRUPTION_TARGET = 'DisruptionTarget';

export const REASON_BACKOFF_LIMIT_EXCEEDED = 'BackoffLimitExceeded';
export const MESSAGE_BACKOFF_LIMIT_EXCEEDED = 'Job has reached the specified backoff limit';
export const REASON_DEADLINE_EXCEEDED = 'DeadlineExceeded';
export const MESSAGE_DEADLINE_EXCEEDED = 'Job was active longer than specified deadline';
export const REASON_POD_FAILURE_POLICY = 'PodFailurePolicy';
export const REASON_COMPLETIONS_REACHED = 'CompletionsReached';
export const MESSAGE_COMPLETIONS_REACHED = 'Reached expected number of succeeded pods';
export const REASON_SUSPENDED = 'JobSuspended';
export const MESSAGE_SUSPENDED = 'Job suspended';
export const REASON_RESUMED = 'JobResumed';
export const MESSAGE_RESUMED = 'Job resumed';

export const EVENT_SUCCESSFUL_CREATE = 'SuccessfulCreate';
export const EVENT_FAILED_CREATE = 'FailedCreate';
export const EVENT_SUCCESSFUL_DELETE = 'SuccessfulDelete';
export const EVENT_COMPLETED = 'Completed';
export const EVENT_SUSPENDED = 'Suspended';
export const EVENT_RESUMED = 'Resumed';
