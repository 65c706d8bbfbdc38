/** Job and pod fixtures for the batch controllers' tests. */
import type { JobSpec } from 'kubernetes-types/batch/v1.js';
import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL } from '../../../api/batch/v1/selector.js';
import { PODS } from '../../../client/resources.js';
import type { JobObject, PodObject } from '../types.js';
import type { FakeCluster } from '../../../client/fake/index.js';

export const NS = 'default';

/** A job as the API server stores it after defaulting (selector and labels generated). */
export function newJob(name: string, spec: Partial<JobSpec> = {}, uid = `uid-${name}`): JobObject {
  const labels = { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: NS, uid, creationTimestamp: '2026-01-01T00:00:00Z' },
    spec: {
      completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { [CONTROLLER_UID_LABEL]: uid } },
      ...spec,
      template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox' }] } },
    },
  };
}

export const podsOf = (c: FakeCluster, job: string): PodObject[] =>
  c.stored<PodObject>(PODS, NS).filter((p) => p.metadata?.ownerReferences?.some((r) => r.name === job));

export const activePods = (c: FakeCluster, job: string): PodObject[] =>
  podsOf(c, job).filter((p) => !p.status?.phase || p.status.phase === 'Pending' || p.status.phase === 'Running');

/** The kubelet's part: the pod's container exited with `exitCode` (0 → Succeeded, else Failed). */
export function finishPod(c: FakeCluster, name: string, exitCode: number): void {
  const finishedAt = c.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  c.mutate(PODS, NS, name, (o) => {
    Object.assign(o, { status: {
      phase: exitCode === 0 ? 'Succeeded' : 'Failed',
      containerStatuses: [{ name: 'main', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, finishedAt } } }],
    } });
  }, 'status');
}
