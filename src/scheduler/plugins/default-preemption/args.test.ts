import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Handle } from '../../framework/interface.js';
import { calculateNumCandidates, defaultPreemptionArgs, DefaultPreemption, factory, NAME, validatePreemptionArgs } from './index.js';

test('defaults: 10% and 100, only for missing fields', () => {
  assert.deepEqual(defaultPreemptionArgs(undefined), { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
  assert.deepEqual(defaultPreemptionArgs({ minCandidateNodesPercentage: 0 }), { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 100 });
  assert.deepEqual(defaultPreemptionArgs({ minCandidateNodesAbsolute: 0 }), { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 0 });
});

const validation: { name: string; pct: number; abs: number; errs: string[] }[] = [
  { name: 'defaults', pct: 10, abs: 100, errs: [] },
  { name: 'bounds', pct: 100, abs: 0, errs: [] },
  { name: 'percentage above 100', pct: 101, abs: 100, errs: ['minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]'] },
  { name: 'negative percentage', pct: -1, abs: 100, errs: ['minCandidateNodesPercentage: Invalid value: -1: not in valid range [0, 100]'] },
  { name: 'negative absolute', pct: 10, abs: -1, errs: ['minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)'] },
  {
    name: 'both zero',
    pct: 0,
    abs: 0,
    errs: [
      'minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
      'minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage',
    ],
  },
];

for (const c of validation) {
  test(`validation: ${c.name}`, () => {
    assert.deepEqual(validatePreemptionArgs({ minCandidateNodesPercentage: c.pct, minCandidateNodesAbsolute: c.abs }), c.errs);
  });
}

const numCandidates: { name: string; pct: number; abs: number; nodes: number; want: number }[] = [
  { name: 'percentage wins on a big cluster', pct: 10, abs: 100, nodes: 5000, want: 500 },
  { name: 'absolute minimum', pct: 10, abs: 100, nodes: 300, want: 100 },
  { name: 'capped at the number of nodes', pct: 10, abs: 100, nodes: 40, want: 40 },
  { name: 'percentage rounds down', pct: 10, abs: 0, nodes: 15, want: 1 },
  { name: 'all nodes at 100%', pct: 100, abs: 0, nodes: 7, want: 7 },
];

for (const c of numCandidates) {
  test(`calculateNumCandidates: ${c.name}`, () => {
    assert.equal(calculateNumCandidates({ minCandidateNodesPercentage: c.pct, minCandidateNodesAbsolute: c.abs }, c.nodes), c.want);
  });
}

test('factory defaults args and rejects invalid ones', () => {
  const pl = factory(undefined, {} as Handle) as DefaultPreemption;
  assert.equal(pl.name, NAME);
  assert.equal(NAME, 'DefaultPreemption');
  assert.deepEqual(pl.args, { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
  assert.throws(() => factory({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }, {} as Handle), /cannot be zero/);
});
