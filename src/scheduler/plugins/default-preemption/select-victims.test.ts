import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { Code } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_NO_VICTIMS, selectVictimsOnNode } from './select-victims.js';
import { makePDB, newHarness } from './testing.js';

const NOW = Date.parse('2026-01-02T00:00:00Z');
const node = makeNode('n1').capacity({ cpu: '4', memory: '8Gi' }).obj();
const preemptor = makePod('p').priority(10).req({ cpu: '2' }).obj();
/** A pod on n1: name, priority, cpu. */
const on = (name: string, prio: number, cpu: string, start?: string): Pod => {
  const w = makePod(name).node('n1').priority(prio).req({ cpu });
  if (start) w.startTime(start);
  return w.obj();
};
const db = (p: Pod): Pod => ({ ...p, metadata: { ...p.metadata, labels: { app: 'db' } } });

interface Case {
  name: string;
  existing: Pod[];
  pod?: Pod;
  nominated?: Pod[];
  pdbs?: PodDisruptionBudget[];
  victims?: string[];
  numPDBViolations?: number;
  code?: Code;
  reasons?: string[];
}

const cases: Case[] = [
  {
    name: 'reprieves the most important pods that still fit',
    existing: [on('low1', 1, '1'), on('low2', 2, '1'), on('mid', 3, '2')],
    victims: ['low2', 'low1'],
  },
  {
    name: 'reprieve goes by importance: lower-priority small pods stay, the bigger less important one goes',
    existing: [on('big', 1, '2'), on('s1', 2, '1'), on('s2', 2, '1')],
    victims: ['big'],
  },
  { name: 'pods of equal or higher priority are never victims', existing: [on('same', 10, '2'), on('low', 1, '2')], victims: ['low'] },
  {
    name: 'no lower-priority pods',
    existing: [on('high', 10, '4')],
    code: Code.UnschedulableAndUnresolvable,
    reasons: [ERR_NO_VICTIMS],
  },
  {
    name: 'does not fit even with every lower-priority pod gone',
    existing: [on('high', 20, '3'), on('low', 1, '1')],
    code: Code.Unschedulable,
    reasons: ['Insufficient cpu'],
  },
  {
    name: 'equal priority: the pod that started first is reprieved first',
    existing: [on('younger', 1, '2', '2026-01-01T02:00:00Z'), on('older', 1, '2', '2026-01-01T01:00:00Z')],
    victims: ['younger'],
  },
  {
    name: 'without a budget the more important pod is reprieved',
    existing: [db(on('a', 5, '2')), on('b', 8, '2')],
    victims: ['a'],
    numPDBViolations: 0,
  },
  {
    name: 'a pod whose eviction would violate a budget is reprieved first',
    existing: [db(on('a', 5, '2')), on('b', 8, '2')],
    pdbs: [makePDB('db', { app: 'db' }, 0)],
    victims: ['b'],
    numPDBViolations: 0,
  },
  {
    name: 'violations are counted per budget across victims, victims end in importance order',
    existing: [db(on('a', 5, '2', '2026-01-01T01:00:00Z')), db(on('c', 5, '2', '2026-01-01T02:00:00Z'))],
    pod: makePod('p').priority(10).req({ cpu: '4' }).obj(),
    pdbs: [makePDB('db', { app: 'db' }, 1)],
    victims: ['a', 'c'],
    numPDBViolations: 1,
  },
  {
    name: 'nominated pods of higher priority keep their room',
    existing: [on('low1', 1, '1'), on('low2', 2, '1')],
    nominated: [makePod('nom').priority(20).req({ cpu: '2' }).nominatedNodeName('n1').obj()],
    victims: ['low2', 'low1'],
  },
  {
    name: 'without the nomination nothing needs to go',
    existing: [on('low1', 1, '1'), on('low2', 2, '1')],
    victims: [],
  },
];

for (const c of cases) {
  test(`selectVictimsOnNode: ${c.name}`, () => {
    const pod = c.pod ?? preemptor;
    const h = newHarness({ pods: c.existing, nodes: [node], nominated: c.nominated ?? [] });
    const info = h.handle.snapshot().get('n1')!.clone();
    const { victims, status } = selectVictimsOnNode(h.handle, h.preFilter(pod), pod, info, c.pdbs ?? [], NOW);
    assert.equal(status.code, c.code ?? Code.Success, status.toString());
    if (c.reasons) assert.deepEqual(status.reasons, c.reasons);
    assert.deepEqual(victims?.pods.map((p) => p.metadata?.name), c.victims);
    if (c.numPDBViolations !== undefined) assert.equal(victims?.numPDBViolations, c.numPDBViolations);
  });
}

test('selectVictimsOnNode keeps the PreFilter state in step and leaves the snapshot alone', () => {
  const h = newHarness({ pods: [on('low1', 1, '1'), on('low2', 2, '1'), on('mid', 3, '2')], nodes: [node] });
  const original = h.handle.snapshot().get('n1')!;
  const info = original.clone();
  selectVictimsOnNode(h.handle, h.preFilter(preemptor), preemptor, info, [], NOW);
  assert.deepEqual(h.extensionCalls, [
    'remove low1 n1',
    'remove low2 n1',
    'remove mid n1',
    'add mid n1',
    'add low2 n1',
    'remove low2 n1',
    'add low1 n1',
    'remove low1 n1',
  ]);
  assert.deepEqual(info.pods.map((p) => p.pod.metadata?.name), ['mid']);
  assert.equal(original.pods.length, 3);
  assert.equal(original.requested.milliCPU, 4000);
});
