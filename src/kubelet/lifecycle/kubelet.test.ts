/**
 * Lifecycle through the whole kubelet (pod workers, status manager, API): graceful deletion runs preStop, then
 * stops with the rest of the grace, and only then deletes the API object (grace 0, uid precondition); a pod
 * deleted while its postStart hook still runs cancels the hook instead of waiting for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { PODS } from '../status/manager.js';
import { settle } from '../testing/harness.js';
import { startExecKubelet } from '../testing/exec-kubelet.js';

const pod = (name: string, lifecycle: NonNullable<NonNullable<Pod['spec']>['containers'][number]['lifecycle']>, grace = 30): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: 'node-1', terminationGracePeriodSeconds: grace, containers: [{ name: 'c', image: 'busybox', lifecycle }] },
  status: { phase: 'Pending' },
});

test('graceful deletion: preStop, stop with the remaining grace, then the API object is deleted (grace 0, uid)', async () => {
  const k = await startExecKubelet();
  await k.create(pod('web', { preStop: { sleep: { seconds: 5 } } }, 20));
  assert.equal(k.get('web')?.status?.phase, 'Running');
  const uid = k.get('web')!.metadata!.uid!;
  await k.client.delete(PODS, 'default', 'web', {});
  await settle();
  await k.advance(4_900);
  assert.ok(k.get('web'), 'kept while the preStop hook runs');
  assert.deepEqual(k.runtime.log, []);
  await k.advance(200);
  assert.deepEqual(k.runtime.log, ['stop c 15 @5s'], 'stopped after the hook with 20 - 5 s');
  assert.equal(k.get('web'), undefined, 'deleted once the kubelet confirmed everything stopped');
  const deletes = k.client.writes.filter((w) => w.verb === 'delete');
  assert.deepEqual(deletes.at(-1)?.options, { gracePeriodSeconds: 0, preconditions: { uid } });
  k.stop();
});

test('a pod deleted during its postStart hook: the hook is abandoned (FailedPostStartHook) and the pod terminates', async () => {
  const k = await startExecKubelet();
  await k.create(pod('slow', { postStart: { sleep: { seconds: 3600 } } }, 10));
  await k.advance(1_000);
  assert.notEqual(k.get('slow')?.status?.phase, 'Running', 'the status waits for the postStart hook');
  await k.client.delete(PODS, 'default', 'slow', {});
  await settle();
  await k.advance(1_000);
  assert.equal(k.get('slow'), undefined, 'gone without waiting for the hour-long hook');
  assert.ok(
    k.recorder.events.some((e) => e.startsWith('Warning FailedPostStartHook Sleep lifecycle hook (3600) for Container "c"') && e.endsWith('container terminated before sleep hook finished')),
    k.recorder.events.join('\n'),
  );
  k.stop();
});
