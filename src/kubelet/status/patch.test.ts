import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { podStatusPatch } from './patch.js';

const c = (type: string, status = 'True'): PodCondition => ({ type, status, lastTransitionTime: '2026-01-01T00:00:00Z' });
const own = (ready: string): PodCondition[] => [c('Initialized'), c('Ready', ready), c('PodScheduled')];
const base: PodStatus = { phase: 'Running', qosClass: 'BestEffort', conditions: own('True'), podIP: '10.0.0.1' };

const cases: { name: string; old: PodStatus; status: PodStatus; want: Record<string, unknown> | undefined }[] = [
  { name: 'the same status: no patch', old: base, status: structuredClone(base), want: undefined },
  {
    name: 'only fields the kubelet carries over differ (stale cache): no patch',
    old: { ...base, nominatedNodeName: 'n2', message: 'm' },
    status: { ...base, qosClass: 'Guaranteed' },
    want: undefined,
  },
  {
    name: "another writer's condition missing from the new status: kept, no patch",
    old: { ...base, conditions: [c('DisruptionTarget'), ...own('True')] },
    status: base,
    want: undefined,
  },
  {
    name: 'a kubelet field removed: sent as null',
    old: base,
    status: { ...base, podIP: undefined },
    want: { podIP: null },
  },
  {
    name: "a kubelet condition changed, another writer's kept first",
    old: { ...base, conditions: [c('example.com/gate'), ...own('True')] },
    status: { ...base, conditions: own('False') },
    want: {
      conditions: [{ type: 'Ready', status: 'False' }],
      '$setElementOrder/conditions': [{ type: 'example.com/gate' }, { type: 'Initialized' }, { type: 'Ready' }, { type: 'PodScheduled' }],
    },
  },
  {
    name: "another writer's condition after the kubelet's is moved first (upstream's order), once",
    old: { ...base, conditions: [...own('True'), c('DisruptionTarget')] },
    status: base,
    want: { '$setElementOrder/conditions': [{ type: 'DisruptionTarget' }, { type: 'Initialized' }, { type: 'Ready' }, { type: 'PodScheduled' }] },
  },
];

for (const tc of cases) {
  test(`podStatusPatch: ${tc.name}`, () => {
    const got = podStatusPatch('u1', tc.old, tc.status);
    assert.deepEqual(got, tc.want && { metadata: { uid: 'u1' }, status: tc.want });
  });
}
