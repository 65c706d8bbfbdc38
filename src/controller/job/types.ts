/** The job controller's names for its API objects: the kubernetes-types interfaces, which the Client takes as they are. */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';

export type JobObject = Job;
export type PodObject = Pod;
