import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Handle, QueuedPodInfo } from '../../framework/interface.js';
import { PodInfo } from '../../framework/types.js';
import { makePod } from '../../testing/wrappers.js';
import { factory, NAME, PrioritySort } from './index.js';

const queued = (name: string, timestamp: number, priority?: number): QueuedPodInfo => {
  const w = makePod(name);
  if (priority !== undefined) w.priority(priority);
  return { podInfo: new PodInfo(w.obj()), timestamp, attempts: 0, unschedulablePlugins: new Set(), pendingPlugins: new Set(), gated: false };
};

const cases: { name: string; a: QueuedPodInfo; b: QueuedPodInfo; want: boolean }[] = [
  { name: 'p1.priority less than p2.priority', a: queued('p1', 1, 100), b: queued('p2', 1, 200), want: false },
  { name: 'p1.priority greater than p2.priority', a: queued('p1', 1, 200), b: queued('p2', 1, 100), want: true },
  { name: 'equal priority, p1 added to the queue earlier', a: queued('p1', 1, 100), b: queued('p2', 2, 100), want: true },
  { name: 'equal priority, p2 added to the queue earlier', a: queued('p1', 2, 100), b: queued('p2', 1, 100), want: false },
  { name: 'equal priority and timestamp is not less', a: queued('p1', 1, 100), b: queued('p2', 1, 100), want: false },
  { name: 'unset priority counts as 0', a: queued('p1', 5), b: queued('p2', 1, -1), want: true },
  { name: 'unset priorities fall back to the timestamp', a: queued('p1', 5), b: queued('p2', 1), want: false },
];

const plugin = factory(undefined, {} as Handle) as PrioritySort;

test('factory builds PrioritySort under its upstream name', () => {
  assert.ok(plugin instanceof PrioritySort);
  assert.equal(plugin.name, NAME);
  assert.equal(NAME, 'PrioritySort');
});

for (const c of cases) {
  test(`PrioritySort.less: ${c.name}`, () => assert.equal(plugin.less(c.a, c.b), c.want));
}
