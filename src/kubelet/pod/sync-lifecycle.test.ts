/**
 * Lifecycle hooks through the pod sync over the fake runtime (with a scripted ExecSync): postStart runs after the
 * start and a failure kills the container; a pod being deleted runs each container's preStop before its stop,
 * in parallel, the hook's time counting against the grace period.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { exit, ExecLogRuntime, ok } from '../lifecycle/testing.js';
import { FakeImageService } from '../runtime/fake/images.js';
import { settle } from '../testing/harness.js';
import { runningIsReady } from '../types.js';
import { testPod } from './config/testing.js';
import { PodSyncer, type SyncResult } from './sync.js';

function setup() {
  const clock = new FakeClock();
  const runtime = new ExecLogRuntime(clock);
  const recorder = new FakeRecorder();
  const syncer = new PodSyncer({
    runtime,
    images: new FakeImageService(),
    clock,
    prober: runningIsReady,
    recorder,
    hostIP: '10.0.0.1',
    runtimeName: 'fake',
    dns: { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' },
    allocatable: { cpu: '4', memory: '8Gi' },
    memoryCapacity: 8 * 1024 ** 3,
  });
  /** Syncs, stepping the clock 1 s at a time while the sync waits (hooks, grace periods). */
  const sync = async (pod: Pod): Promise<SyncResult> => {
    let r: SyncResult | undefined;
    const p = syncer.sync(pod).then((x) => (r = x));
    for (let i = 0; i < 100 && !r; i++) {
      await settle();
      if (!r) clock.step(1000);
    }
    return p;
  };
  return { clock, runtime, recorder, sync };
}

test('postStart: runs in the container right after it starts; the status shows it running once done', async () => {
  const { runtime, sync } = setup();
  const pod = testPod({ containers: [{ name: 'c', image: 'busybox', lifecycle: { postStart: { exec: { command: ['touch', '/ready'] } } } }] });
  const r = await sync(pod);
  assert.deepEqual(runtime.log, ['exec touch /ready @0s']);
  assert.ok(r.status.containerStatuses?.[0]?.state?.running, 'running');
});

test('postStart failure: FailedPostStartHook event, the container is killed, PostStartHookError; the next sync restarts it', async () => {
  const { runtime, recorder, sync } = setup();
  runtime.answer = (cmd) => (cmd[0] === 'fail' ? exit(1, '', 'no such file') : ok());
  const pod = testPod({ containers: [{ name: 'c', image: 'busybox', lifecycle: { postStart: { exec: { command: ['fail'] } } } }] });
  const r = await sync(pod);
  const msg = `Exec lifecycle hook ([fail]) for Container "c" in Pod "web_ns1(uid-1)" failed - error: command 'fail' exited with 1: no such file, message: "no such file"`;
  assert.deepEqual(recorder.events, [`Warning FailedPostStartHook ${msg}`, 'Normal Killing FailedPostStartHook']);
  assert.deepEqual(runtime.log, ['exec fail @0s', 'stop c 30 @0s'], 'killed with the pod grace period');
  const cs = r.status.containerStatuses![0]!;
  assert.deepEqual(cs.state, { waiting: { reason: 'PostStartHookError', message: msg } });
  assert.ok(cs.lastState?.terminated, 'the killed container is the last state');
  const again = await sync({ ...pod, status: r.status });
  assert.equal(again.status.containerStatuses?.[0]?.restartCount, 1, 'restarted per restartPolicy Always');
});

test('deletion: each container runs its preStop, then is stopped with the rest of the grace period, in parallel', async () => {
  const { runtime, recorder, sync } = setup();
  const pod = testPod({
    terminationGracePeriodSeconds: 10,
    containers: [
      { name: 'a', image: 'busybox', lifecycle: { preStop: { sleep: { seconds: 4 } } } },
      { name: 'b', image: 'busybox', lifecycle: { preStop: { exec: { command: ['drain'] } } } },
      { name: 'c', image: 'busybox' },
    ],
  });
  const started = await sync(pod);
  assert.equal(started.status.phase, 'Running');
  const deleting: Pod = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 10 }, status: started.status };
  const r = await sync(deleting);
  assert.equal(r.stopped, true, 'the pod worker may now delete the API object');
  assert.deepEqual(runtime.log.slice().sort(), ['exec drain @0s', 'stop a 6 @4s', 'stop b 10 @0s', 'stop c 10 @0s']);
  assert.ok(runtime.log.indexOf('exec drain @0s') < runtime.log.indexOf('stop b 10 @0s'), 'the preStop exec ran before its stop');
  assert.ok(runtime.log.indexOf('stop c 10 @0s') < runtime.log.indexOf('stop a 6 @4s'), 'containers stop in parallel: c did not wait for a');
  assert.deepEqual(recorder.events.filter((e) => e.includes('Killing')).sort(), ['Normal Killing Stopping container a', 'Normal Killing Stopping container b', 'Normal Killing Stopping container c']);
  assert.ok(r.status.containerStatuses?.every((c) => c.state?.terminated), 'every container terminated');
  assert.equal(runtime.stats().ipsInUse, 0, 'the sandbox is stopped');
});
