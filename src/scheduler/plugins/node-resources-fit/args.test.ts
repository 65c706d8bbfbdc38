import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultFitArgs, validateFitArgs, type NodeResourcesFitArgs } from './args.js';

const cases: { name: string; raw: unknown; want: NodeResourcesFitArgs }[] = [
  {
    name: 'no args: LeastAllocated over cpu and memory, weight 1',
    raw: undefined,
    want: {
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    },
  },
  {
    name: 'strategy without resources gets cpu and memory',
    raw: { scoringStrategy: { type: 'MostAllocated' } },
    want: {
      ignoredResources: [],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
    },
  },
  {
    name: 'a resource without weight gets weight 1; others are kept',
    raw: { ignoredResources: ['example.com/a'], scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'example.com/gpu' }] } },
    want: {
      ignoredResources: ['example.com/a'],
      ignoredResourceGroups: [],
      scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'example.com/gpu', weight: 1 }] },
    },
  },
];

for (const c of cases) {
  test(`defaultFitArgs: ${c.name}`, () => {
    const got = defaultFitArgs(c.raw);
    assert.deepEqual(got, c.want);
    assert.deepEqual(validateFitArgs(got), []);
  });
}

test('defaultFitArgs is idempotent', () => {
  const once = defaultFitArgs({ scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu' }] } });
  assert.deepEqual(defaultFitArgs(once), once);
});
