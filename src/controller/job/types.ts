/**
 * The API objects as the client sees them: kubernetes-types interfaces carry no index signature, so they are
 * intersected with KubeObject to pass through the Client, listers and the recorder.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../../client/interface.js';

export type JobObject = Job & KubeObject;
export type PodObject = Pod & KubeObject;
