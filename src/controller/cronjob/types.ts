/** The cronjob controller's names for the batch objects (the kubernetes-types interfaces, as the client hands them out). */
import type { CronJob } from 'kubernetes-types/batch/v1.js';

export type CronJobObject = CronJob;
export type { JobObject } from '../job/types.js';
