import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
// The round trip is checked against the API server's own strategic merge (a test-only import across layers).
import { applyStrategicMergePatch } from '../../apiserver/patch/strategic.js';
import { patchMetaFor, type PatchMetaWalker } from '../patchmeta/index.js';
import { createTwoWayMergePatch } from './two-way.js';
import { jsonEqual } from './values.js';
import { seededRng as prng } from '../../machinery/testing/rng.js';

const POD = patchMetaFor('', 'v1', 'Pod')!;
const DEPLOYMENT = patchMetaFor('apps', 'v1', 'Deployment')!;

const cond = (type: string, status: string, extra: object = {}) => ({ type, status, lastTransitionTime: '2026-01-01T00:00:00Z', ...extra });
const pod = (status: object, metadata: object = {}) => ({ metadata, status });

interface Case {
  name: string;
  original: object;
  modified: object;
  want: object;
  meta?: PatchMetaWalker;
}

const cases: Case[] = [
  { name: 'equal objects give an empty patch', original: pod({ phase: 'Running' }), modified: pod({ phase: 'Running' }), want: {} },
  {
    name: 'key order and undefined members do not count',
    original: pod({ phase: 'Running', podIP: '10.0.0.1' }),
    modified: { status: { podIP: '10.0.0.1', phase: 'Running', message: undefined }, metadata: {} },
    want: {},
  },
  {
    name: 'a changed scalar, an added member and a removed one (null)',
    original: pod({ phase: 'Pending', message: 'x' }),
    modified: pod({ phase: 'Running', podIP: '10.0.0.1' }),
    want: { status: { phase: 'Running', podIP: '10.0.0.1', message: null } },
  },
  {
    name: 'an added uid in metadata (the kubelet precondition) is sent as is',
    original: pod({ phase: 'Running' }),
    modified: pod({ phase: 'Running' }, { uid: 'u1' }),
    want: { metadata: { uid: 'u1' } },
  },
  {
    name: 'a changed condition: its diff with the merge key, and $setElementOrder',
    original: pod({ conditions: [cond('Ready', 'False', { reason: 'ContainersNotReady' }), cond('PodScheduled', 'True')] }),
    modified: pod({ conditions: [cond('Ready', 'True', { lastTransitionTime: '2026-01-01T00:00:05Z' }), cond('PodScheduled', 'True')] }),
    want: {
      status: {
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:05Z', reason: null }],
        '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodScheduled' }],
      },
    },
  },
  {
    name: 'an added condition is sent whole',
    original: pod({ conditions: [cond('PodScheduled', 'True')] }),
    modified: pod({ conditions: [cond('Ready', 'False'), cond('PodScheduled', 'True')] }),
    want: {
      status: {
        conditions: [cond('Ready', 'False')],
        '$setElementOrder/conditions': [{ type: 'Ready' }, { type: 'PodScheduled' }],
      },
    },
  },
  {
    name: 'a removed condition: $patch: delete after the changes',
    original: pod({ conditions: [cond('A', 'True'), cond('B', 'True'), cond('C', 'True')] }),
    modified: pod({ conditions: [cond('C', 'False'), cond('A', 'True')] }),
    want: {
      status: {
        conditions: [{ type: 'C', status: 'False' }, { type: 'B', $patch: 'delete' }],
        '$setElementOrder/conditions': [{ type: 'C' }, { type: 'A' }],
      },
    },
  },
  {
    name: 'only the order changed: $setElementOrder alone',
    original: pod({ conditions: [cond('A', 'True'), cond('B', 'True')] }),
    modified: pod({ conditions: [cond('B', 'True'), cond('A', 'True')] }),
    want: { status: { '$setElementOrder/conditions': [{ type: 'B' }, { type: 'A' }] } },
  },
  {
    name: 'an atomic list (containerStatuses) that changed is sent whole',
    original: pod({ containerStatuses: [{ name: 'a', ready: false }, { name: 'b', ready: true }] }),
    modified: pod({ containerStatuses: [{ name: 'a', ready: true }, { name: 'b', ready: true }] }),
    want: { status: { containerStatuses: [{ name: 'a', ready: true }, { name: 'b', ready: true }] } },
  },
  {
    name: 'an unchanged atomic list is left out',
    original: pod({ containerStatuses: [{ name: 'a', ready: true }], phase: 'Pending' }),
    modified: pod({ containerStatuses: [{ name: 'a', ready: true }], phase: 'Running' }),
    want: { status: { phase: 'Running' } },
  },
  {
    name: 'podIPs merge by ip',
    original: pod({ podIPs: [{ ip: '10.0.0.1' }] }),
    modified: pod({ podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] }),
    want: { status: { podIPs: [{ ip: 'fd00::1' }], '$setElementOrder/podIPs': [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] } },
  },
  {
    name: 'a list that was absent is sent whole, even when it merges',
    original: pod({}),
    modified: pod({ conditions: [cond('Ready', 'True')] }),
    want: { status: { conditions: [cond('Ready', 'True')] } },
  },
  {
    name: 'a member that changes kind (map → scalar) is replaced',
    original: { metadata: { annotations: { a: '1' } }, status: { reason: { odd: true } } },
    modified: { metadata: { annotations: { a: '1' } }, status: { reason: 'Evicted' } },
    want: { status: { reason: 'Evicted' } },
  },
  {
    name: 'a primitive merging list (finalizers): added values, $deleteFromPrimitiveList and $setElementOrder',
    original: { metadata: { finalizers: ['a', 'b', 'c'] } },
    modified: { metadata: { finalizers: ['c', 'd', 'a'] } },
    want: { metadata: { finalizers: ['d'], '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['c', 'd', 'a'] } },
  },
  {
    name: 'retainKeys (Deployment strategy): the other key is cleared and $retainKeys lists the kept ones',
    meta: DEPLOYMENT,
    original: { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
    modified: { spec: { strategy: { type: 'Recreate' } } },
    want: { spec: { strategy: { type: 'Recreate', rollingUpdate: null, $retainKeys: ['type'] } } },
  },
  {
    name: 'nested merging lists diff inside a merged element (containers[].env by name)',
    meta: DEPLOYMENT,
    original: { spec: { template: { spec: { containers: [{ name: 'c', image: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }] }] } } } },
    modified: { spec: { template: { spec: { containers: [{ name: 'c', image: 'a', env: [{ name: 'X', value: '3' }] }] } } } },
    want: {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'c', env: [{ name: 'X', value: '3' }, { name: 'Y', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'X' }] }],
            '$setElementOrder/containers': [{ name: 'c' }],
          },
        },
      },
    },
  },
];

describe('createTwoWayMergePatch', () => {
  for (const c of cases) {
    it(c.name, () => {
      const meta = c.meta ?? POD;
      const patch = createTwoWayMergePatch(c.original, c.modified, meta);
      assert.deepEqual(patch, c.want);
      const applied = applyStrategicMergePatch(c.original, JSON.parse(JSON.stringify(patch)), meta);
      assert.ok(jsonEqual(applied, JSON.parse(JSON.stringify(c.modified))), `round trip: got ${JSON.stringify(applied)}`);
    });
  }

  it('throws for a merging list whose elements lack the merge key', () => {
    assert.throws(() => createTwoWayMergePatch(pod({ conditions: [{ status: 'True' }] }), pod({ conditions: [] }), POD), /merge key "type"/);
  });

  it('does not touch its inputs', () => {
    const original = pod({ conditions: [cond('A', 'True')] });
    const modified = pod({ conditions: [cond('A', 'False')] });
    const copies = structuredClone([original, modified]);
    const patch = createTwoWayMergePatch(original, modified, POD) as { status: { conditions: { status: string }[] } };
    patch.status.conditions[0]!.status = 'changed';
    assert.deepEqual([original, modified], copies);
  });
});

function randomStatus(rand: () => number): object {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const shuffled = <T>(xs: readonly T[]): T[] => xs.map((x) => [rand(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
  const types = shuffled(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget']).filter(() => rand() < 0.7);
  const status: Record<string, unknown> = {
    phase: pick(['Pending', 'Running', 'Succeeded', undefined]),
    conditions: types.map((t) => cond(t, pick(['True', 'False']), rand() < 0.3 ? { reason: pick(['A', 'B']) } : {})),
    containerStatuses: [{ name: 'c', ready: rand() < 0.5, restartCount: Math.floor(rand() * 3) }],
  };
  if (rand() < 0.7) status['podIPs'] = shuffled([{ ip: '10.0.0.1' }, { ip: 'fd00::1' }]).filter(() => rand() < 0.8);
  if (rand() < 0.5) status['podIP'] = '10.0.0.1';
  return status;
}

describe('createTwoWayMergePatch round trip (random pod statuses, seeded)', () => {
  it('applying diff(a, b) to a gives b for 500 pairs', () => {
    const rand = prng(20260101);
    for (let i = 0; i < 500; i++) {
      const a = pod(randomStatus(rand));
      const b = pod(randomStatus(rand));
      const patch = createTwoWayMergePatch(a, b, POD);
      const applied = applyStrategicMergePatch(a, JSON.parse(JSON.stringify(patch)), POD);
      assert.ok(jsonEqual(applied, JSON.parse(JSON.stringify(b))), `pair ${i}: ${JSON.stringify({ a, b, patch, applied })}`);
      if (jsonEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)))) assert.deepEqual(patch, {});
    }
  });
});
