import assert from 'node:assert/strict';
import { test } from 'node:test';
import { containerBehavior, parseDurationMs, sleepMs } from './behavior.js';

const sleepCases: [string[], number | undefined][] = [
  [['sleep', '5'], 5000],
  [['/bin/sleep', '2m'], 120_000],
  [['sleep', '500ms'], 500],
  [['sh', '-c', 'sleep 3'], 3000],
  [['sleep', 'infinity'], undefined],
  [['nginx'], undefined],
  [[], undefined],
];
for (const [argv, want] of sleepCases) test(`sleepMs ${JSON.stringify(argv)} = ${want}`, () => assert.equal(sleepMs(argv), want));

test('parseDurationMs', () => {
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('1h'), 3_600_000);
  assert.equal(parseDurationMs('x'), undefined);
});

test('pod-level annotations apply to app containers only; container keys win', () => {
  const ann = { 'k8ts.io/fake-exit-code': '3', 'k8ts.io/fake-exit-code.init': '1', 'k8ts.io/fake-exit-after': '5s' };
  assert.deepEqual(containerBehavior(ann, 'app', false, [], 0), { exitAfterMs: 5000, exitCode: 3, startDelayMs: 0, terminationDelayMs: 0 });
  assert.equal(containerBehavior(ann, 'init', true, [], 0).exitCode, 1);
  assert.equal(containerBehavior(ann, 'other-init', true, [], 0).exitCode, 0);
  assert.equal(containerBehavior({ 'k8ts.io/fake-exit-code': '2' }, 'app', false, [], 0).exitAfterMs, 0);
  assert.equal(containerBehavior({}, 'app', false, ['sleep', '7'], 250).exitAfterMs, 7000);
  assert.equal(containerBehavior({ 'k8ts.io/fake-start-delay': '2s' }, 'app', false, [], 250).startDelayMs, 2000);
});
