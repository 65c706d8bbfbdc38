/**
 * The kubelet's own prober manager end to end (no `prober` option, as on a real node): over the fake runtime with a
 * scripted ExecSync, a readiness flip alone — no runtime event — updates the pod's Ready condition in the API, and
 * a failing liveness probe restarts the container (restartCount in the API) with the events recorded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { exit, ok } from '../lifecycle/testing.js';
import { startExecKubelet as start } from '../testing/exec-kubelet.js';

const pod = (name: string, container: NonNullable<Pod['spec']>['containers'][number]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: 'node-1', containers: [container] },
  status: { phase: 'Pending' },
});
const ready = (p: Pod | undefined) => p?.status?.conditions?.find((c) => c.type === 'Ready')?.status;

test('kubelet: a readiness probe alone flips the Ready condition in the API', async () => {
  const k = await start();
  let healthy = false;
  k.runtime.answer = () => (healthy ? ok('fine') : exit(1, '', 'not yet'));
  await k.create(pod('web', { name: 'c', image: 'busybox', readinessProbe: { exec: { command: ['check'] }, periodSeconds: 2, failureThreshold: 1 } }));
  await k.advance(3_000);
  assert.equal(k.get('web')?.status?.phase, 'Running');
  assert.equal(ready(k.get('web')), 'False', 'unready while the probe fails');
  healthy = true;
  await k.advance(2_000);
  assert.equal(ready(k.get('web')), 'True', 'ready once the probe passes');
  assert.equal(k.get('web')?.status?.containerStatuses?.[0]?.ready, true);
  healthy = false;
  await k.advance(2_000);
  assert.equal(ready(k.get('web')), 'False', 'unready again');
  assert.ok(k.recorder.events.includes('Warning Unhealthy Readiness probe failed: not yet'), 'Unhealthy events carry the output');
  k.stop();
});

test('kubelet: a failing liveness probe restarts the container; the restart shows in the API', async () => {
  const k = await start();
  k.runtime.answer = () => exit(1, 'dead', '');
  await k.create(pod('live', { name: 'c', image: 'busybox', livenessProbe: { exec: { command: ['alive'] }, periodSeconds: 1, failureThreshold: 2 } }));
  await k.advance(1_500);
  const cs = k.get('live')?.status?.containerStatuses?.[0];
  assert.equal(cs?.restartCount, 1, 'killed after two failures and restarted');
  assert.ok(cs?.lastState?.terminated, 'the killed container is the last state');
  assert.ok(k.recorder.events.includes('Normal Killing Container c failed liveness probe, will be restarted'), k.recorder.events.join('\n'));
  k.stop();
});
