import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { Status } from '../../framework/status.js';
import { newTestSnapshot } from '../../testing/snapshot.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { MSG_POLICY_NEVER, MSG_TERMINATING_ON_NOMINATED, podIneligibleReason, podTerminatingByPreemption } from './eligibility.js';

const preempted = (name: string, prio: number): Pod =>
  makePod(name).node('n1').priority(prio).terminating().condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj();

const nominated = makePod('p').priority(10).nominatedNodeName('n1').obj();

const cases: { name: string; pod: Pod; existing: Pod[]; nominatedStatus?: Status; want: string }[] = [
  { name: 'default policy', pod: makePod('p').priority(10).obj(), existing: [], want: '' },
  { name: 'preemptionPolicy Never', pod: makePod('p').priority(10).preemptionPolicy('Never').obj(), existing: [], want: MSG_POLICY_NEVER },
  {
    name: 'nominated node still has a lower-priority victim terminating: wait',
    pod: nominated,
    existing: [preempted('v', 1)],
    nominatedStatus: Status.unschedulable('Insufficient cpu'),
    want: MSG_TERMINATING_ON_NOMINATED,
  },
  {
    name: 'nominated node now unresolvable: preempt again',
    pod: nominated,
    existing: [preempted('v', 1)],
    nominatedStatus: Status.unresolvable("node(s) didn't match Pod's node affinity/selector"),
    want: '',
  },
  { name: 'no verdict for the nominated node counts as unresolvable', pod: nominated, existing: [preempted('v', 1)], want: '' },
  {
    name: 'terminating pod of higher priority does not hold it back',
    pod: nominated,
    existing: [preempted('v', 20)],
    nominatedStatus: Status.unschedulable('Insufficient cpu'),
    want: '',
  },
  {
    name: 'terminating for another reason does not hold it back',
    pod: nominated,
    existing: [makePod('v').node('n1').priority(1).terminating().obj()],
    nominatedStatus: Status.unschedulable('Insufficient cpu'),
    want: '',
  },
];

for (const c of cases) {
  test(`podIneligibleReason: ${c.name}`, () => {
    const snapshot = newTestSnapshot(c.existing, [makeNode('n1').obj()]);
    assert.equal(podIneligibleReason(c.pod, snapshot, c.nominatedStatus), c.want);
  });
}

test('podTerminatingByPreemption needs both the deletion and the condition', () => {
  assert.equal(podTerminatingByPreemption(preempted('v', 1)), true);
  assert.equal(podTerminatingByPreemption(makePod('v').condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj()), false);
  assert.equal(podTerminatingByPreemption(makePod('v').terminating().condition('DisruptionTarget', 'True', 'EvictionByEvictionAPI').obj()), false);
  assert.equal(podTerminatingByPreemption(makePod('v').terminating().condition('DisruptionTarget', 'False', 'PreemptionByScheduler').obj()), false);
});
