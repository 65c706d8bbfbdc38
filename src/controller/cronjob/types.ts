/** The batch objects as the client sees them (kubernetes-types intersected with KubeObject). */
import type { CronJob } from 'kubernetes-types/batch/v1.js';
import type { KubeObject } from '../../client/interface.js';

export type CronJobObject = CronJob & KubeObject;
export type { JobObject } from '../job/types.js';
