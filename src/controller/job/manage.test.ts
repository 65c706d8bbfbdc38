import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowStartBatch } from '../framework/index.js';
import { planNonIndexed } from './manage.js';
import type { PodObject } from './types.js';

for (const c of [
  { name: 'all succeed: batches 1, 2, 4', n: 7, failAt: -1, attempted: 7, batches: [1, 2, 4] },
  { name: 'a failure stops after its batch', n: 10, failAt: 2, attempted: 3, batches: [1, 2] },
  { name: 'a first failure stops at once', n: 10, failAt: 0, attempted: 1, batches: [1] },
]) {
  test(`slowStart: ${c.name}`, async () => {
    const batches: number[] = [];
    let inFlight = 0;
    const fns = Array.from({ length: c.n }, (_, i) => async () => {
      if (inFlight++ === 0) batches.push(0);
      batches[batches.length - 1]! += 1;
      await Promise.resolve();
      inFlight--;
      if (i === c.failAt) throw new Error('boom');
    });
    const r = await slowStartBatch(fns.length, 1, (i) => fns[i]!());
    assert.equal(r.attempted, c.attempted);
    assert.equal(r.error !== undefined, c.failAt >= 0);
    assert.deepEqual(batches, c.batches);
  });
}

const pod = (name: string, opts: { node?: string; phase?: string; ready?: boolean; created: string }): PodObject => ({
  metadata: { name, creationTimestamp: opts.created },
  spec: { containers: [], ...(opts.node ? { nodeName: opts.node } : {}) },
  status: { phase: opts.phase ?? 'Running', conditions: [{ type: 'Ready', status: opts.ready ? 'True' : 'False' }] },
});

test('planNonIndexed deletes unscheduled, then pending, then not-ready, then the newest', () => {
  const active = [
    pod('ready-old', { node: 'n', ready: true, created: '2026-01-01T00:00:00Z' }),
    pod('ready-new', { node: 'n', ready: true, created: '2026-01-01T00:05:00Z' }),
    pod('not-ready', { node: 'n', created: '2026-01-01T00:00:00Z' }),
    pod('pending', { node: 'n', phase: 'Pending', created: '2026-01-01T00:00:00Z' }),
    pod('unscheduled', { phase: 'Pending', created: '2026-01-01T00:00:00Z' }),
  ];
  assert.deepEqual(planNonIndexed(active, 1).remove.map((p) => p.metadata?.name), ['unscheduled', 'pending', 'not-ready', 'ready-new']);
  assert.deepEqual(planNonIndexed(active, 8).create.length, 3);
});
