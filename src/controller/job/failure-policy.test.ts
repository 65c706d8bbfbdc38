import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodFailurePolicyRule } from 'kubernetes-types/batch/v1.js';
import { JOBS, PODS } from '../../client/resources.js';
import { newJobController } from './controller.js';
import { matchPodFailurePolicy } from './failure-policy.js';
import { settle } from './testing/drive.js';
import { activePods, finishPod, newJob, NS } from './testing/fixtures.js';
import { FakeCluster } from '../../client/fake/index.js';
import type { JobObject, PodObject } from './types.js';

const RULES: PodFailurePolicyRule[] = [
  { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
  { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
  { action: 'Count', onExitCodes: { operator: 'NotIn', values: [42] } },
];

function failedPod(exitCode: number, conditions: { type: string; status: string }[] = []): PodObject {
  return {
    metadata: { name: 'p', namespace: NS },
    status: {
      phase: 'Failed', conditions,
      containerStatuses: [{ name: 'main', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode } } }],
    },
  };
}

for (const c of [
  { name: 'exit 42 matches FailJob', pod: failedPod(42), action: 'FailJob', message: 'Container main for pod default/p failed with exit code 42 matching FailJob rule at index 0' },
  { name: 'a disruption is ignored', pod: failedPod(137, [{ type: 'DisruptionTarget', status: 'True' }]), action: 'Ignore', message: 'Pod default/p has condition DisruptionTarget matching Ignore rule at index 1' },
  { name: 'another exit code is counted', pod: failedPod(1), action: 'Count' },
  { name: 'exit code 0 never matches', pod: failedPod(0), action: 'Count' },
]) {
  test(`podFailurePolicy: ${c.name}`, () => {
    const m = matchPodFailurePolicy(newJob('j', { podFailurePolicy: { rules: RULES } }), c.pod);
    assert.equal(m.action, c.action);
    if (c.message) assert.equal(m.message, c.message);
  });
}

async function run(exitCode: number, disrupted: boolean) {
  const c = new FakeCluster();
  c.seed(newJob('pfp', { backoffLimit: 0, podFailurePolicy: { rules: RULES }, podReplacementPolicy: 'Failed' }));
  const ctl = newJobController(c.ctx());
  const sync = (k: string) => ctl.sync(k);
  await settle(c, sync, `${NS}/pfp`);
  const pod = activePods(c, 'pfp')[0]!;
  finishPod(c, pod.metadata!.name!, exitCode);
  if (disrupted) {
    c.mutate(PODS, NS, pod.metadata!.name!, (o) => {
      (o as PodObject).status!.conditions = [{ type: 'DisruptionTarget', status: 'True' }];
    }, 'status');
  }
  await settle(c, sync, `${NS}/pfp`);
  return { c, job: c.client.tracker.get(JOBS, NS, 'pfp') as JobObject };
}

test('podFailurePolicy FailJob: the job fails at once with reason PodFailurePolicy', async () => {
  const { job } = await run(42, false);
  const failed = job.status?.conditions?.find((x) => x.type === 'Failed');
  assert.equal(failed?.reason, 'PodFailurePolicy');
  assert.match(failed?.message ?? '', /exit code 42 matching FailJob rule at index 0/);
});

test('podFailurePolicy Ignore: the failure is not counted and the pod is replaced without backoff', async () => {
  const { c, job } = await run(137, true);
  assert.equal(job.status?.failed ?? 0, 0);
  assert.equal(job.status?.conditions?.find((x) => x.type === 'Failed'), undefined);
  assert.equal(activePods(c, 'pfp').length, 1);
});

test('podFailurePolicy Count with backoffLimit 0: BackoffLimitExceeded', async () => {
  const { job } = await run(1, false);
  assert.equal(job.status?.failed, 1);
  assert.equal(job.status?.conditions?.find((x) => x.type === 'Failed')?.reason, 'BackoffLimitExceeded');
});
