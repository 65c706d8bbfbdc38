import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeHealthTracker, unknownConditions } from './health.js';
import { lease, node, T0 } from './testing.js';
import type { LeaseObject, NodeObject } from './types.js';

const at = (s: number): Date => new Date(T0.getTime() + s * 1000);

interface Step {
  s: number;
  node: NodeObject;
  lease?: LeaseObject;
}

const cases: { name: string; steps: Step[]; silent: boolean[] }[] = [
  {
    name: 'no lease and a heartbeat that never moves: silent only after more than 50 s',
    steps: [{ s: 0, node: node('n', 'True') }, { s: 50, node: node('n', 'True') }, { s: 51, node: node('n', 'True') }],
    silent: [false, false, true],
  },
  {
    name: 'a renewing lease keeps the node healthy though its heartbeat is old',
    steps: [
      { s: 0, node: node('n', 'True'), lease: lease('n', at(0)) },
      { s: 40, node: node('n', 'True'), lease: lease('n', at(40)) },
      { s: 85, node: node('n', 'True'), lease: lease('n', at(40)) },
      { s: 91, node: node('n', 'True'), lease: lease('n', at(40)) },
    ],
    silent: [false, false, false, true],
  },
  {
    name: 'a moving Ready heartbeat keeps the node healthy',
    steps: [{ s: 0, node: node('n', 'True') }, { s: 45, node: node('n', 'True', at(45)) }, { s: 90, node: node('n', 'True', at(90)) }],
    silent: [false, false, false],
  },
  {
    name: 'a lease going backwards is not a renewal',
    steps: [{ s: 0, node: node('n', 'True'), lease: lease('n', at(10)) }, { s: 51, node: node('n', 'True'), lease: lease('n', at(5)) }],
    silent: [false, true],
  },
  {
    name: 'a node that never posted Ready gets the 60 s startup grace',
    steps: [{ s: 0, node: node('n', undefined) }, { s: 55, node: node('n', undefined) }, { s: 61, node: node('n', undefined) }],
    silent: [false, false, true],
  },
];

for (const c of cases) {
  test(`node health: ${c.name}`, () => {
    const h = new NodeHealthTracker();
    assert.deepEqual(
      c.steps.map((st) => h.observe(st.node, st.lease, at(st.s).getTime())),
      c.silent,
    );
  });
}

test('node health: the controller’s own write of the conditions is not a sign of life', () => {
  const h = new NodeHealthTracker();
  const n: NodeObject = { ...node('n', undefined), metadata: { name: 'n', creationTimestamp: '2026-01-01T00:00:00Z' } };
  assert.equal(h.observe(n, undefined, at(0).getTime()), false);
  const written: NodeObject = { ...n, status: { conditions: unknownConditions(n, at(61))! } };
  h.wrote(written);
  assert.equal(h.observe(written, undefined, at(61).getTime()), true);
});

test('unknownConditions: every monitored condition goes Unknown, heartbeats kept, missing ones added', () => {
  const n = node('n', 'True');
  n.status!.conditions!.push({ type: 'MemoryPressure', status: 'False', lastHeartbeatTime: '2026-01-01T00:00:00Z' });
  n.status!.conditions!.push({ type: 'NetworkUnavailable', status: 'False' });
  const got = unknownConditions(n, at(60))!;
  const brief = got.map((c) => [c.type, c.status, c.reason, c.message, c.lastHeartbeatTime, c.lastTransitionTime]);
  assert.deepEqual(brief, [
    ['Ready', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
    ['MemoryPressure', 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', '2026-01-01T00:00:00Z', '2026-01-01T00:01:00Z'],
    ['NetworkUnavailable', 'False', undefined, undefined, undefined, undefined],
    ['DiskPressure', 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.', undefined, '2026-01-01T00:01:00Z'],
    ['PIDPressure', 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.', undefined, '2026-01-01T00:01:00Z'],
  ]);
  assert.equal(unknownConditions({ ...n, status: { conditions: got } }, at(70)), undefined, 'already Unknown: nothing to write');
});
