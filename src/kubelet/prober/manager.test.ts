import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, Probe } from 'kubernetes-types/core/v1.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { settle } from '../testing/harness.js';
import { ProberManager } from './manager.js';
import { execProbe, podWith, POD_IP, runtimeState, ScriptedRunner, type SeenContainer } from './testing.js';
import { probeTiming, type ProbeResult } from './types.js';

function setup(pod: Pod, script: (command: string, n: number) => ProbeResult) {
  const clock = new FakeClock();
  const runner = new ScriptedRunner(clock, script);
  const recorder = new FakeRecorder();
  const changes: string[] = [];
  const m = new ProberManager({ clock, run: runner.run, recorder, onChange: (uid) => changes.push(`${(clock.now().getTime() - Date.parse('2026-01-01T00:00:00Z')) / 1000}s ${uid}`) });
  const observe = (containers: SeenContainer[], p: Pod = pod) => m.observe(p, runtimeState(containers), { podIP: POD_IP, phase: 'Running' });
  /** Steps the clock second by second for `seconds`, calling `each(t)` after each step. */
  const run = async (seconds: number, each: (t: number) => void = () => undefined) => {
    await settle();
    for (let i = 0; i < seconds; i++) {
      clock.step(1000);
      await settle();
      each((clock.now().getTime() - Date.parse('2026-01-01T00:00:00Z')) / 1000);
    }
  };
  return { clock, runner, recorder, changes, m, observe, run };
}

const status = (id: string) => runtimeState([{ name: 'c', id }]).containers.get('c')![0]!;

test('probeTiming: upstream defaults, and liveness/startup success thresholds are always 1', () => {
  assert.deepEqual(probeTiming({}, 'readiness'), { initialDelayMs: 0, periodMs: 10_000, timeoutMs: 1_000, successThreshold: 1, failureThreshold: 3 });
  const p: Probe = { initialDelaySeconds: 5, periodSeconds: 2, timeoutSeconds: 3, successThreshold: 4, failureThreshold: 6 };
  assert.deepEqual(probeTiming(p, 'readiness'), { initialDelayMs: 5_000, periodMs: 2_000, timeoutMs: 3_000, successThreshold: 4, failureThreshold: 6 });
  assert.equal(probeTiming(p, 'liveness').successThreshold, 1);
  assert.equal(probeTiming(p, 'startup').successThreshold, 1);
});

/** Readiness timing: when probes run (seconds since the container started at 0) and when readiness flips. */
const readinessCases: { name: string; probe: Partial<Probe>; script: (n: number) => ProbeResult; probes: number[]; flips: [number, boolean][] }[] = [
  { name: 'defaults: probed at start, then every 10 s; ready after one success', probe: {}, script: () => 'success', probes: [0, 10, 20, 30], flips: [[1, true]] },
  { name: 'initialDelaySeconds 5 delays the first probe', probe: { initialDelaySeconds: 5 }, script: () => 'success', probes: [5, 15, 25], flips: [[5, true]] },
  { name: 'periodSeconds 3', probe: { periodSeconds: 3 }, script: () => 'success', probes: [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30], flips: [[1, true]] },
  { name: 'successThreshold 2: ready after the second success in a row', probe: { successThreshold: 2 }, script: () => 'success', probes: [0, 10, 20, 30], flips: [[10, true]] },
  {
    name: 'failureThreshold 3: unready only after three failures in a row',
    probe: { periodSeconds: 5 },
    script: (n) => (n === 0 || n === 2 ? 'success' : 'failure'),
    probes: [0, 5, 10, 15, 20, 25, 30],
    flips: [[1, true], [25, false]],
  },
  { name: 'failureThreshold 1', probe: { periodSeconds: 5, failureThreshold: 1 }, script: (n) => (n === 0 ? 'success' : 'failure'), probes: [0, 5, 10, 15, 20, 25, 30], flips: [[1, true], [5, false]] },
  { name: 'a warning (redirect to another host) counts as a success', probe: {}, script: () => 'warning', probes: [0, 10, 20, 30], flips: [[1, true]] },
];

for (const c of readinessCases) {
  test(`readiness: ${c.name}`, async () => {
    const pod = podWith([{ name: 'c', image: 'busybox', readinessProbe: execProbe('ready', c.probe) }]);
    const { runner, m, observe, run, changes } = setup(pod, (_cmd, n) => c.script(n));
    observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }]);
    const flips: [number, boolean][] = [];
    let last = m.isReady(pod, 'c', status('c1'));
    assert.equal(last, false, 'not ready before the first probe');
    await run(30, (t) => {
      const now = m.isReady(pod, 'c', status('c1'));
      if (now !== last) flips.push([t, now]);
      last = now;
    });
    assert.deepEqual(runner.times('ready'), c.probes);
    assert.deepEqual(flips, c.flips);
    assert.equal(changes.length, c.flips.length, 'each readiness flip kicks the pod worker once');
    assert.equal(runner.calls[0]?.target.podIP, POD_IP);
  });
}

test('liveness: three failures make the container unhealthy (one kick, an Unhealthy event each failure); on hold until replaced', async () => {
  const pod = podWith([{ name: 'c', image: 'busybox', livenessProbe: execProbe('alive') }]);
  const { runner, m, observe, run, changes, recorder } = setup(pod, () => 'failure');
  observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }]);
  await run(19);
  assert.deepEqual(m.unhealthy(pod, runtimeState([{ name: 'c', id: 'c1' }])), [], 'two failures are below the threshold');
  await run(1);
  assert.deepEqual(m.unhealthy(pod, runtimeState([{ name: 'c', id: 'c1' }])).map((u) => [u.spec.name, u.containerId, u.type]), [['c', 'c1', 'liveness']]);
  assert.deepEqual(changes, ['20s uid-1']);
  assert.deepEqual(recorder.events, ['Warning Unhealthy Liveness probe failed: alive #0 failure', 'Warning Unhealthy Liveness probe failed: alive #1 failure', 'Warning Unhealthy Liveness probe failed: alive #2 failure']);
  assert.equal(m.isReady(pod, 'c', status('c1')), true, 'liveness does not make a container unready');
  await run(30);
  assert.deepEqual(runner.times('alive'), [0, 10, 20], 'no probe while on hold');
  // The sync killed and restarted it: the new container is probed from its start, with a fresh count.
  observe([{ name: 'c', id: 'c2', startedAt: Date.parse('2026-01-01T00:00:50Z') }]);
  assert.deepEqual(m.unhealthy(pod, runtimeState([{ name: 'c', id: 'c2' }])), []);
  await run(11);
  assert.deepEqual(runner.times('alive'), [0, 10, 20, 50, 60]);
  assert.deepEqual(m.unhealthy(pod, runtimeState([{ name: 'c', id: 'c2' }])), [], 'two failures of the new container are below the threshold');
});

test('startup gates liveness and readiness; started/ready follow it; readiness is probed as soon as startup passes', async () => {
  const pod = podWith([{
    name: 'c',
    image: 'busybox',
    startupProbe: execProbe('startup', { periodSeconds: 5 }),
    livenessProbe: execProbe('alive', { periodSeconds: 10 }),
    readinessProbe: execProbe('ready', { periodSeconds: 10 }),
  }]);
  const { runner, m, observe, run } = setup(pod, (cmd, n) => (cmd === 'startup' && n < 2 ? 'failure' : 'success'));
  observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }]);
  await run(9);
  assert.deepEqual([m.isStarted(pod, 'c', status('c1')), m.isReady(pod, 'c', status('c1'))], [false, false], 'not started before the startup probe passes');
  assert.deepEqual([runner.times('alive'), runner.times('ready')], [[], []], 'liveness and readiness wait for startup');
  await run(2);
  assert.deepEqual(runner.times('startup'), [0, 5, 10]);
  assert.deepEqual(runner.times('alive'), [10]);
  assert.deepEqual(runner.times('ready'), [10]);
  assert.deepEqual([m.isStarted(pod, 'c', status('c1')), m.isReady(pod, 'c', status('c1'))], [true, true]);
  await run(19);
  assert.deepEqual(runner.times('startup'), [0, 5, 10], 'the startup probe stops once it passed');
  assert.deepEqual(runner.times('alive'), [10, 20, 30]);
});

test('a startup probe that never passes makes the container unhealthy after failureThreshold', async () => {
  const pod = podWith([{ name: 'c', image: 'busybox', startupProbe: execProbe('startup', { periodSeconds: 2, failureThreshold: 4 }), livenessProbe: execProbe('alive') }]);
  const { runner, m, observe, run, changes } = setup(pod, () => 'failure');
  observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }]);
  await run(20);
  assert.deepEqual(runner.times('startup'), [0, 2, 4, 6], 'on hold after the fourth failure');
  assert.deepEqual(runner.times('alive'), []);
  assert.deepEqual(m.unhealthy(pod, runtimeState([{ name: 'c', id: 'c1' }])).map((u) => u.type), ['startup']);
  assert.deepEqual(changes, ['6s uid-1']);
});

test('a pod being deleted stops liveness probing with a success: no kill during shutdown', async () => {
  const pod = podWith([{ name: 'c', image: 'busybox', livenessProbe: execProbe('alive', { failureThreshold: 1 }) }]);
  const { runner, m, observe, run } = setup(pod, () => 'failure');
  const deleting = { ...pod, metadata: { ...pod.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } };
  observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }], deleting);
  await run(30);
  assert.deepEqual(runner.times('alive'), []);
  assert.deepEqual(m.unhealthy(deleting, runtimeState([{ name: 'c', id: 'c1' }])), []);
});

test('a container that stops is not probed; forgetPod stops every worker', async () => {
  const pod = podWith([{ name: 'c', image: 'busybox', readinessProbe: execProbe('ready'), livenessProbe: execProbe('alive') }]);
  const { runner, m, observe, run } = setup(pod, () => 'success');
  observe([{ name: 'c', id: 'c1', startedAt: Date.parse('2026-01-01T00:00:00Z') }]);
  assert.equal(m.workerCount, 2);
  await run(5);
  observe([{ name: 'c', id: 'c1', running: false }]);
  await run(30);
  assert.deepEqual(runner.times('ready'), [0]);
  m.forgetPod('uid-1');
  assert.equal(m.workerCount, 0);
  assert.equal(m.isReady(pod, 'c', status('c1')), false, 'results are dropped with the pod');
});

test('containers without probes are ready and started when running; terminal pods have no workers', () => {
  const pod = podWith([{ name: 'c', image: 'busybox' }]);
  const { m } = setup(pod, () => 'success');
  m.observe(pod, runtimeState([{ name: 'c', id: 'c1' }]), { phase: 'Running' });
  assert.equal(m.workerCount, 0);
  assert.deepEqual([m.isReady(pod, 'c', status('c1')), m.isStarted(pod, 'c', status('c1'))], [true, true]);
  const exited = runtimeState([{ name: 'c', id: 'c1', running: false }]).containers.get('c')![0]!;
  assert.deepEqual([m.isReady(pod, 'c', exited), m.isStarted(pod, 'c', exited)], [false, false]);
  const probed = podWith([{ name: 'c', image: 'busybox', readinessProbe: execProbe('ready') }]);
  m.observe(probed, runtimeState([{ name: 'c', id: 'c1' }]), { phase: 'Succeeded' });
  assert.equal(m.workerCount, 0);
});
