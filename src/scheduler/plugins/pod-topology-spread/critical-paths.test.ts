import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CriticalPaths } from './critical-paths.js';

const view = (p: CriticalPaths): string[] => p.paths.map((x) => `${x.value}:${x.matchNum}`);
const NONE = `:${2 ** 31 - 1}`;

const steps: { update: [string, number]; want: string[] }[] = [
  { update: ['a', 3], want: ['a:3', NONE] },
  { update: ['b', 1], want: ['b:1', 'a:3'] },
  { update: ['c', 2], want: ['b:1', 'c:2'] },
  { update: ['c', 1], want: ['b:1', 'c:1'] },
  { update: ['b', 3], want: ['c:1', 'b:3'] },
  { update: ['d', 5], want: ['c:1', 'b:3'] },
  { update: ['c', 0], want: ['c:0', 'b:3'] },
];

test('CriticalPaths keeps the minimum first through updates (the worked example)', () => {
  const p = new CriticalPaths();
  for (const s of steps) {
    p.update(...s.update);
    assert.deepEqual(view(p), s.want, `after ${s.update.join('=')}`);
  }
  assert.equal(p.min, 0);
});

test('CriticalPaths.clone is independent', () => {
  const p = new CriticalPaths();
  p.update('a', 1);
  const c = p.clone();
  c.update('a', 5);
  assert.equal(p.min, 1);
  assert.equal(c.min, 5);
});
