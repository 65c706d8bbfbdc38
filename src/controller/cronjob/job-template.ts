/**
 * The Job a CronJob starts for a scheduled time: named `<cronjob>-<scheduled time in minutes since the epoch>`
 * (deterministic, so a retried create finds the job it already made), with the template's labels and annotations,
 * the scheduled-timestamp annotation (RFC 3339 in the CronJob's zone) and a controllerRef to the CronJob.
 */
import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import { SCHEDULED_TIMESTAMP_ANNOTATION } from './constants.js';
import { formatRFC3339InZone } from './next-schedule.js';
import type { CronJobObject, JobObject } from './types.js';

export const jobNameFor = (cj: Readonly<CronJobObject>, scheduled: Date): string =>
  `${cj.metadata?.name}-${Math.floor(scheduled.getTime() / 60_000)}`;

export function cronJobControllerRef(cj: Readonly<CronJobObject>): OwnerReference {
  return { apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata?.name ?? '', uid: cj.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
}

export function jobFromTemplate(cj: Readonly<CronJobObject>, scheduled: Date, tz: string): JobObject {
  const template = structuredClone(cj.spec?.jobTemplate ?? {});
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobNameFor(cj, scheduled),
      namespace: cj.metadata?.namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: formatRFC3339InZone(scheduled, tz) },
      ownerReferences: [cronJobControllerRef(cj)],
    },
    spec: template.spec ?? { template: {} },
  };
}

export const jobReference = (job: Readonly<JobObject>): ObjectReference => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  name: job.metadata?.name,
  namespace: job.metadata?.namespace,
  uid: job.metadata?.uid,
  resourceVersion: job.metadata?.resourceVersion,
});
