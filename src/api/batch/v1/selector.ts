/**
 * The selector and labels the API server gives a Job at create (upstream's job strategy generateSelector): the
 * pod template gets the controller-uid and job-name labels (new and legacy spellings), and the selector selects
 * the controller-uid. With `manualSelector: true` the user's selector is kept as is.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

export function generateJobSelector(job: Job): void {
  const spec = (job.spec ??= { template: {} });
  if (spec.manualSelector) return;
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  spec.template ??= {};
  const meta = (spec.template.metadata ??= {});
  const labels = (meta.labels ??= {});
  labels[LEGACY_CONTROLLER_UID_LABEL] ??= uid;
  labels[CONTROLLER_UID_LABEL] ??= uid;
  // A generated name may not be known yet; a later call (the strategy's defaults) fills these.
  if (name) labels[LEGACY_JOB_NAME_LABEL] ??= name;
  if (name) labels[JOB_NAME_LABEL] ??= name;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  matchLabels[CONTROLLER_UID_LABEL] ??= uid;
}
