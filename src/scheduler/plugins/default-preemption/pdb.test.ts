import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { PodInfo } from '../../framework/types.js';
import { makePod } from '../../testing/wrappers.js';
import { filterPodsWithPDBViolation } from './pdb.js';
import { makePDB } from './testing.js';

const web = (name: string, ns = 'default'): PodInfo => new PodInfo(makePod(name, ns).label('app', 'web').obj());
const bare = (name: string): PodInfo => new PodInfo(makePod(name).obj());

const withDisrupted = (pdb: PodDisruptionBudget, ...names: string[]): PodDisruptionBudget => {
  pdb.status!.disruptedPods = Object.fromEntries(names.map((n) => [n, '2026-01-01T00:00:00Z']));
  return pdb;
};

const cases: { name: string; victims: PodInfo[]; pdbs: PodDisruptionBudget[]; violating: string[]; nonViolating: string[] }[] = [
  { name: 'no budgets', victims: [web('a'), web('b')], pdbs: [], violating: [], nonViolating: ['a', 'b'] },
  {
    name: 'a budget is charged once per victim, across victims',
    victims: [web('a'), web('b'), web('c')],
    pdbs: [makePDB('p', { app: 'web' }, 1)],
    violating: ['b', 'c'],
    nonViolating: ['a'],
  },
  { name: 'zero allowed: every match violates', victims: [web('a')], pdbs: [makePDB('p', { app: 'web' }, 0)], violating: ['a'], nonViolating: [] },
  {
    name: 'a pod already in disruptedPods is not charged',
    victims: [web('a'), web('b')],
    pdbs: [withDisrupted(makePDB('p', { app: 'web' }, 1), 'a')],
    violating: [],
    nonViolating: ['a', 'b'],
  },
  { name: 'other namespace', victims: [web('a', 'other')], pdbs: [makePDB('p', { app: 'web' }, 0)], violating: [], nonViolating: ['a'] },
  { name: 'unlabelled pods match nothing', victims: [bare('a')], pdbs: [makePDB('p', {}, 0)], violating: [], nonViolating: ['a'] },
  { name: 'an empty selector matches nothing', victims: [web('a')], pdbs: [makePDB('p', {}, 0)], violating: [], nonViolating: ['a'] },
  { name: 'selector does not match', victims: [web('a')], pdbs: [makePDB('p', { app: 'db' }, 0)], violating: [], nonViolating: ['a'] },
  {
    name: 'violating any one budget is enough',
    victims: [web('a')],
    pdbs: [makePDB('p1', { app: 'web' }, 5), makePDB('p2', { app: 'web' }, 0)],
    violating: ['a'],
    nonViolating: [],
  },
];

for (const c of cases) {
  test(`filterPodsWithPDBViolation: ${c.name}`, () => {
    const out = filterPodsWithPDBViolation(c.victims, c.pdbs);
    assert.deepEqual(out.violating.map((p) => p.pod.metadata?.name), c.violating);
    assert.deepEqual(out.nonViolating.map((p) => p.pod.metadata?.name), c.nonViolating);
  });
}
