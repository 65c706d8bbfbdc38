import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconcileTaints, wantedTaints } from './taints.js';
import { node } from './testing.js';
import type { NodeObject, Taint } from './types.js';

const NOW = new Date('2026-01-01T00:01:00Z');
const ids = (ts: readonly Pick<Taint, 'key' | 'effect'>[] | undefined): string[] | undefined => ts?.map((t) => `${t.key}:${t.effect}`);

function withConditions(ready: 'True' | 'False' | 'Unknown', extra: Record<string, string> = {}, taints: Taint[] = [], unschedulable = false): NodeObject {
  const n = node('n', ready);
  const conditions = [...n.status!.conditions!, ...Object.entries(extra).map(([type, status]) => ({ type, status }))];
  return { ...n, spec: { taints, unschedulable }, status: { conditions } };
}

const cases: { name: string; node: NodeObject; want: string[] }[] = [
  { name: 'Ready: none', node: withConditions('True'), want: [] },
  { name: 'Ready False: not-ready', node: withConditions('False'), want: ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'] },
  { name: 'Ready Unknown: unreachable', node: withConditions('Unknown'), want: ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'] },
  { name: 'memory pressure: NoSchedule only', node: withConditions('True', { MemoryPressure: 'True', DiskPressure: 'False' }), want: ['node.kubernetes.io/memory-pressure:NoSchedule'] },
  { name: 'unschedulable', node: withConditions('True', {}, [], true), want: ['node.kubernetes.io/unschedulable:NoSchedule'] },
];

for (const c of cases) test(`wantedTaints: ${c.name}`, () => assert.deepEqual(ids(wantedTaints(c.node)), c.want));

const userTaint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };
const old = (key: string, effect: string): Taint => ({ key, effect, timeAdded: '2026-01-01T00:00:00Z' });

const reconcileCases: { name: string; node: NodeObject; want: Taint[] | undefined }[] = [
  { name: 'healthy, nothing owned: no write', node: withConditions('True', {}, [userTaint]), want: undefined },
  {
    name: 'unreachable added with timeAdded, user taint kept',
    node: withConditions('Unknown', {}, [userTaint]),
    want: [userTaint, { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:01:00Z' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:01:00Z' }],
  },
  {
    name: 'not-ready swapped for unreachable',
    node: withConditions('Unknown', {}, [old('node.kubernetes.io/not-ready', 'NoSchedule'), old('node.kubernetes.io/unreachable', 'NoExecute')]),
    want: [old('node.kubernetes.io/unreachable', 'NoExecute'), { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2026-01-01T00:01:00Z' }],
  },
  { name: 'recovered: owned taints removed', node: withConditions('True', {}, [old('node.kubernetes.io/unreachable', 'NoSchedule'), userTaint, old('node.kubernetes.io/unreachable', 'NoExecute')]), want: [userTaint] },
  { name: 'already right: no write', node: withConditions('False', {}, [old('node.kubernetes.io/not-ready', 'NoExecute'), old('node.kubernetes.io/not-ready', 'NoSchedule')]), want: undefined },
];

for (const c of reconcileCases) test(`reconcileTaints: ${c.name}`, () => assert.deepEqual(reconcileTaints(c.node, NOW), c.want));
