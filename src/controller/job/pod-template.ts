/**
 * The pods a job creates: its template with the job's labels, the controllerRef, the tracking finalizer and, for
 * Indexed jobs, the completion index (annotation and label), the hostname `<job>-<index>` and the
 * JOB_COMPLETION_INDEX env var, taken from the annotation through the downward API as upstream does.
 */
import type { Job } from 'kubernetes-types/batch/v1.js';
import type { Container, EnvVar } from 'kubernetes-types/core/v1.js';
import type { OwnerReference } from 'kubernetes-types/meta/v1.js';
import {
  JOB_COMPLETION_INDEX_ANNOTATION,
  JOB_COMPLETION_INDEX_ENV,
  JOB_COMPLETION_INDEX_LABEL,
  JOB_TRACKING_FINALIZER,
} from './constants.js';
import type { PodObject as Pod } from './types.js';

/** The controllerRef a job puts on its pods. */
export function jobControllerRef(job: Readonly<Job>): OwnerReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata?.name ?? '',
    uid: job.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** True when the pod's controller is this job. */
export const isControlledBy = (obj: { metadata?: { ownerReferences?: OwnerReference[] } }, uid: string | undefined): boolean =>
  !!uid && (obj.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);

const INDEX_ENV: EnvVar = {
  name: JOB_COMPLETION_INDEX_ENV,
  valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${JOB_COMPLETION_INDEX_ANNOTATION}']` } },
};

function withIndexEnv(c: Container): Container {
  if (c.env?.some((e) => e.name === JOB_COMPLETION_INDEX_ENV)) return c;
  return { ...c, env: [...(c.env ?? []), structuredClone(INDEX_ENV)] };
}

/** A new pod of `job`; `index` for Indexed jobs. */
export function buildPod(job: Readonly<Job>, index?: number): Pod {
  const template = structuredClone(job.spec?.template ?? {});
  const name = job.metadata?.name ?? '';
  const meta = template.metadata ?? {};
  const labels = { ...(meta.labels ?? {}) };
  const annotations = { ...(meta.annotations ?? {}) };
  const spec = template.spec ?? { containers: [] };
  if (index !== undefined) {
    annotations[JOB_COMPLETION_INDEX_ANNOTATION] = String(index);
    labels[JOB_COMPLETION_INDEX_LABEL] = String(index);
    spec.hostname ??= `${name}-${index}`;
    spec.containers = spec.containers.map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
  }
  const finalizers = [...(meta.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER), JOB_TRACKING_FINALIZER];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata?.namespace,
      labels,
      annotations,
      finalizers,
      ownerReferences: [jobControllerRef(job)],
    },
    spec,
  };
}
