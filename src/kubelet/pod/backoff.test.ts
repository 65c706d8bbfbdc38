/**
 * CrashLoopBackOff as upstream: 10 s doubling to 300 s per container, the first restart immediate, a reset when a
 * container ran 10 minutes; and which exited containers computePodActions restarts for each restartPolicy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { runtimeState } from '../prober/testing.js';
import { computePodActions } from './actions.js';
import { Backoff, goDuration } from './backoff.js';

const S = 1000;
const MIN = 60 * S;

/**
 * A container that crashes `runMs` after each start and is restarted as soon as its backoff allows: the waits
 * between a crash and the next restart.
 */
function crashLoop(runs: number[]): number[] {
  const b = new Backoff();
  const waits: number[] = [];
  let now = 0;
  for (const runMs of runs) {
    const finishedAt = now + runMs;
    let t = finishedAt;
    while (b.isInBackOffSince('k', finishedAt, t)) t += S;
    waits.push((t - finishedAt) / S);
    b.next('k', t, finishedAt);
    now = t;
  }
  return waits;
}

const cases: { name: string; runs: number[]; waits: number[] }[] = [
  { name: 'immediate first restart, then 10 s doubling to the 300 s cap', runs: Array(9).fill(0), waits: [0, 10, 20, 40, 80, 160, 300, 300, 300] },
  { name: 'a container that ran 10 minutes (plus a second) starts over at 10 s', runs: [0, 0, 0, 10 * MIN + S, 0], waits: [0, 10, 20, 0, 10] },
  { name: 'exactly 10 minutes is not enough (upstream: more than twice the maximum)', runs: [0, 0, 0, 10 * MIN, 0], waits: [0, 10, 20, 40, 80] },
  {
    name: 'the reset is judged by the crash time, not the restart time: 5.5 min of running then a 5 min wait is no reset',
    runs: [0, 0, 0, 0, 0, 0, 0, 5.5 * MIN, 0],
    waits: [0, 10, 20, 40, 80, 160, 300, 300, 300],
  },
];

for (const c of cases) {
  test(`backoff: ${c.name}`, () => {
    assert.deepEqual(crashLoop(c.runs), c.waits);
  });
}

test('goDuration formats as Go does', () => {
  assert.deepEqual([10 * S, 80 * S, 300 * S].map(goDuration), ['10s', '1m20s', '5m0s']);
});

type Policy = 'Always' | 'OnFailure' | 'Never';
const restartCases: { policy: Policy; exitCode: number; killed?: boolean; restart: boolean }[] = [
  { policy: 'Always', exitCode: 0, restart: true },
  { policy: 'Always', exitCode: 1, restart: true },
  { policy: 'OnFailure', exitCode: 0, restart: false },
  { policy: 'OnFailure', exitCode: 2, restart: true },
  { policy: 'Never', exitCode: 1, restart: false },
  { policy: 'OnFailure', exitCode: 0, killed: true, restart: true },
  { policy: 'Never', exitCode: 137, killed: true, restart: false },
];

for (const c of restartCases) {
  test(`restartPolicy ${c.policy}, exit ${c.exitCode}${c.killed ? ', killed by the kubelet (probe/hook)' : ''}: ${c.restart ? 'restarted' : 'left'}`, () => {
    const pod: Pod = { metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1' }, spec: { restartPolicy: c.policy, containers: [{ name: 'c', image: 'busybox' }] } };
    const state = runtimeState([{ name: 'c', id: 'c1', running: false }]);
    state.containers.get('c')![0]!.exitCode = c.exitCode;
    const a = computePodActions(pod, state, new Backoff(), 5 * S, new Set(c.killed ? ['c'] : []));
    assert.deepEqual(a.start.map((s) => [s.spec.name, s.attempt]), c.restart ? [['c', 1]] : []);
  });
}

test('a restart within the backoff waits with CrashLoopBackOff and a requeue at its end', () => {
  const pod: Pod = { metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
  const b = new Backoff();
  b.next('uid-1/c', 0);
  const state = runtimeState([{ name: 'c', id: 'c1', running: false }]);
  const a = computePodActions(pod, state, b, 4 * S);
  assert.deepEqual(a.start, []);
  assert.deepEqual(a.waiting.get('c'), { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=c pod=web_ns1(uid-1)' });
  assert.equal(a.requeueAfterMs, 10 * S - 4 * S + 1, 'until 10 s after the exit (finishedAt 1 ms)');
});
