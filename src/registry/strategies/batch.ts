/**
 * batch/v1 strategies (upstream's pkg/registry/batch/job and cronjob). A Job gets a uid-based selector and
 * labels at create unless it sets manualSelector: true.
 */
import { randomUUID } from 'node:crypto';
import type { CronJob, Job } from 'kubernetes-types/batch/v1.js';
import { defaultCronJob, defaultJob } from '../../api/batch/v1/defaults.js';
import { generateJobSelector } from '../../api/batch/v1/selector.js';
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from '../../api/batch/v1/validation.js';
import { buildStrategy } from './builder.js';

export interface JobStrategyOptions {
  /** The uid source for a job that reaches the strategy before the store assigned one. */
  newUID?: () => string;
}

export function jobStrategy(opts: JobStrategyOptions = {}) {
  const newUID = opts.newUID ?? randomUUID;
  return buildStrategy<Job>({
    namespaced: true,
    status: {},
    // The generated selector needs the uid; the store keeps a uid that is already set.
    prepareForCreate: (job) => {
      const meta = (job.metadata ??= {}) as { uid?: string };
      meta.uid ||= newUID();
      generateJobSelector(job);
    },
    // Labels are generated before defaults copy the template's labels to the job, as upstream shows them.
    defaults: (job) => {
      if (job.metadata?.uid && !job.metadata.resourceVersion) generateJobSelector(job);
      defaultJob(job);
    },
    validate: validateJob,
    validateUpdate: validateJobUpdate,
    tracksGeneration: true,
    selectableFields: (job) => ({ 'status.successful': String(job.status?.succeeded ?? 0) }),
  });
}

export const jobs = jobStrategy();

export const cronjobs = buildStrategy<CronJob>({
  namespaced: true,
  status: {},
  defaults: defaultCronJob,
  validate: validateCronJob,
  validateUpdate: validateCronJobUpdate,
  tracksGeneration: true,
});
