import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../machinery/clock/clock.js';
import { DEFAULT_EVICTION_HARD } from './thresholds.js';
import { hostPressureProbe, observeHostSignals, pressureOf, PressureMonitor, type NodePressure, type NodeSignals } from './pressure.js';

const Mi = 1024 * 1024;
const fs = (availPct: number, inodesFreePct = 50) => ({ availableBytes: availPct * 1e9, capacityBytes: 100e9, inodesFree: inodesFreePct * 1000, inodes: 100_000 });
const healthy: NodeSignals = { memory: { availableBytes: 500 * Mi, capacityBytes: 8000 * Mi }, nodefs: fs(50), imagefs: fs(50), pid: { available: 30000, max: 32768 } };

const cases: { name: string; s: NodeSignals; hard?: Record<string, string>; want: NodePressure }[] = [
  { name: 'healthy', s: healthy, want: { memory: false, disk: false, pid: false } },
  { name: 'memory just under 100Mi', s: { ...healthy, memory: { availableBytes: 100 * Mi - 1, capacityBytes: 8000 * Mi } }, want: { memory: true, disk: false, pid: false } },
  { name: 'memory exactly 100Mi is no pressure', s: { ...healthy, memory: { availableBytes: 100 * Mi, capacityBytes: 8000 * Mi } }, want: { memory: false, disk: false, pid: false } },
  { name: 'nodefs under 10 %', s: { ...healthy, nodefs: fs(9) }, want: { memory: false, disk: true, pid: false } },
  { name: 'imagefs under 15 % (nodefs fine)', s: { ...healthy, imagefs: fs(14) }, want: { memory: false, disk: true, pid: false } },
  { name: 'nodefs inodes under 5 %', s: { ...healthy, nodefs: fs(50, 4) }, want: { memory: false, disk: true, pid: false } },
  { name: 'pids: no default threshold', s: { ...healthy, pid: { available: 1, max: 32768 } }, want: { memory: false, disk: false, pid: false } },
  {
    name: 'pids with a threshold',
    s: { ...healthy, pid: { available: 1000, max: 32768 } },
    hard: { ...DEFAULT_EVICTION_HARD, 'pid.available': '10%' },
    want: { memory: false, disk: false, pid: true },
  },
  { name: 'no observations, no pressure', s: {}, want: { memory: false, disk: false, pid: false } },
];
for (const tc of cases) {
  test(`pressureOf: ${tc.name}`, () => assert.deepEqual(pressureOf(tc.s, tc.hard ?? DEFAULT_EVICTION_HARD), tc.want));
}

test('PressureMonitor: a condition holds for the transition period after the last pressure', async () => {
  const clock = new FakeClock();
  let s: NodeSignals = { ...healthy, nodefs: fs(5) };
  const m = new PressureMonitor({ clock, observe: () => s, evictionHard: DEFAULT_EVICTION_HARD, transitionMs: 60_000 });
  assert.equal((await m.probe()).disk, true, 'pressure seen');
  s = healthy;
  clock.step(59_999);
  assert.equal((await m.probe()).disk, true, 'still within the transition period');
  clock.step(1);
  assert.equal((await m.probe()).disk, false, 'released after the transition period');
});

test('observeHostSignals: this host gives plausible numbers', () => {
  const s = observeHostSignals({ rootDir: '/', imageFsDir: '/' });
  assert.ok(s.memory!.capacityBytes > 0 && s.memory!.availableBytes <= s.memory!.capacityBytes, 'memory available ≤ total');
  assert.ok(s.nodefs!.capacityBytes > 0 && s.nodefs!.availableBytes <= s.nodefs!.capacityBytes, 'nodefs available ≤ capacity');
  assert.ok(s.pid!.max > 0 && s.pid!.available > 0 && s.pid!.available < s.pid!.max, 'some pids in use');
});

test('hostPressureProbe: this host under absurd thresholds is under every pressure it can measure', async () => {
  const probe = hostPressureProbe({
    rootDir: '/',
    clock: new FakeClock(),
    evictionHard: { 'memory.available': '1Pi', 'nodefs.available': '100%', 'pid.available': '100%' },
  });
  assert.deepEqual(await probe(), { memory: true, disk: true, pid: true });
});
