/**
 * The pod sync with the prober manager over the fake runtime: a failed liveness probe kills and restarts the
 * container (a counted restart with lastState), readiness drives the Ready condition, and result changes kick.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { ProberManager } from '../prober/manager.js';
import { execProbe, ScriptedRunner } from '../prober/testing.js';
import type { ProbeResult } from '../prober/types.js';
import { FakeImageService } from '../runtime/fake/images.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import { settle } from '../testing/harness.js';
import { testPod } from './config/testing.js';
import { PodSyncer } from './sync.js';

function setup(script: (cmd: string, n: number) => ProbeResult) {
  const clock = new FakeClock();
  const runtime = new FakeRuntime({ clock, podCIDR: '10.244.3.0/24' });
  const runner = new ScriptedRunner(clock, script);
  const recorder = new FakeRecorder();
  const kicks: string[] = [];
  const probes = new ProberManager({ clock, run: runner.run, recorder, onChange: (uid) => kicks.push(uid) });
  const syncer = new PodSyncer({
    runtime,
    images: new FakeImageService(),
    clock,
    prober: probes,
    probes,
    recorder,
    hostIP: '10.0.0.1',
    runtimeName: 'fake',
    dns: { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' },
    allocatable: { cpu: '4', memory: '8Gi' },
    memoryCapacity: 8 * 1024 ** 3,
  });
  /** Steps `seconds` one at a time; each kick is answered with a sync, as the pod worker does. */
  const run = async (pod: Pod, seconds: number): Promise<PodStatus> => {
    let status = (await syncer.sync(pod)).status;
    for (let i = 0; i < seconds; i++) {
      clock.step(1000);
      await settle();
      while (kicks.length > 0) {
        kicks.shift();
        status = (await syncer.sync({ ...pod, status })).status;
      }
    }
    return status;
  };
  return { clock, runtime, runner, recorder, kicks, probes, syncer, run };
}

const cond = (s: PodStatus, type: string) => s.conditions?.find((c) => c.type === type)?.status;

test('a failing liveness probe kills the container and restarts it: restartCount 1, lastState, Killing and Unhealthy events', async () => {
  const { run, recorder, runtime, runner } = setup((_cmd, n) => (n < 3 ? 'failure' : 'success'));
  const pod = testPod({ containers: [{ name: 'c', image: 'busybox', livenessProbe: execProbe('alive', { periodSeconds: 10 }) }] });
  let s = await run(pod, 19);
  assert.equal(s.containerStatuses?.[0]?.restartCount, 0, 'two failures are below the threshold');
  s = await run({ ...pod, status: s }, 2);
  const cs = s.containerStatuses![0]!;
  assert.equal(cs.restartCount, 1, 'the kill counts as a restart');
  assert.ok(cs.state?.running, 'restarted at once (the first restart has no backoff)');
  assert.ok(cs.lastState?.terminated, 'lastState shows the killed container');
  assert.equal(runtime.stats().containers, 2);
  assert.deepEqual(recorder.events.filter((e) => e.includes('Killing')), ['Normal Killing Container c failed liveness probe, will be restarted']);
  assert.equal(recorder.events.filter((e) => e.startsWith('Warning Unhealthy Liveness probe failed: alive #')).length, 3);
  assert.equal(runner.calls.at(-1)?.target.containerId, cs.containerID!.replace('fake://', ''), 'the new container is probed');
});

test('restartPolicy Never: a liveness failure kills without a restart', async () => {
  const { run, recorder } = setup(() => 'failure');
  const pod = testPod({ restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', livenessProbe: execProbe('alive', { periodSeconds: 1, failureThreshold: 1 }) }] });
  const s = await run(pod, 3);
  const cs = s.containerStatuses![0]!;
  assert.equal(cs.restartCount, 0);
  assert.ok(cs.state?.terminated, 'the container stays terminated');
  assert.deepEqual(recorder.events.filter((e) => e.includes('Killing')), ['Normal Killing Container c failed liveness probe']);
});

test('readiness drives Ready: unready until the probe passes, unready again after failureThreshold failures', async () => {
  const { run, kicks } = setup((_cmd, n) => (n < 2 ? 'success' : 'failure'));
  const pod = testPod({ containers: [{ name: 'c', image: 'busybox', readinessProbe: execProbe('ready', { periodSeconds: 5, failureThreshold: 2 }) }] });
  let s = await run(pod, 0);
  assert.deepEqual([s.containerStatuses?.[0]?.ready, cond(s, 'Ready'), cond(s, 'ContainersReady')], [false, 'False', 'False'], 'not ready before a probe');
  s = await run({ ...pod, status: s }, 1);
  assert.deepEqual([s.containerStatuses?.[0]?.ready, cond(s, 'Ready')], [true, 'True'], 'ready after the first success (the flip kicked a sync)');
  s = await run({ ...pod, status: s }, 13);
  assert.equal(cond(s, 'Ready'), 'True', 'one failure (t=10 s) is below the threshold');
  s = await run({ ...pod, status: s }, 1);
  assert.deepEqual([s.containerStatuses?.[0]?.ready, cond(s, 'Ready')], [false, 'False'], 'the second failure (t=15 s) flips it');
  assert.equal(kicks.length, 0, 'every kick was answered');
});

test('startup probe: started false and not ready until it passes', async () => {
  const { run } = setup((cmd, n) => (cmd === 'startup' && n < 1 ? 'failure' : 'success'));
  const pod = testPod({ containers: [{ name: 'c', image: 'busybox', startupProbe: execProbe('startup', { periodSeconds: 3 }) }] });
  let s = await run(pod, 1);
  assert.deepEqual([s.containerStatuses?.[0]?.started, s.containerStatuses?.[0]?.ready], [false, false]);
  s = await run({ ...pod, status: s }, 3);
  assert.deepEqual([s.containerStatuses?.[0]?.started, s.containerStatuses?.[0]?.ready], [true, true]);
});
