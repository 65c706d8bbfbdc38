import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { ActionType, type Handle } from '../../framework/interface.js';
import { Code } from '../../framework/status.js';
import { makePod } from '../../testing/wrappers.js';
import { factory, NAME, SchedulingGates } from './index.js';

const plugin = factory(undefined, {} as Handle) as SchedulingGates;

const preEnqueueCases: { name: string; pod: Pod; code: Code; reasons: string[] }[] = [
  { name: 'pod does not carry scheduling gates', pod: makePod('p').obj(), code: Code.Success, reasons: [] },
  {
    name: 'pod carries one scheduling gate',
    pod: makePod('p').schedulingGate('foo').obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['waiting for scheduling gates: [foo]'],
  },
  {
    name: 'pod carries scheduling gates',
    pod: makePod('p').schedulingGate('foo').schedulingGate('bar').obj(),
    code: Code.UnschedulableAndUnresolvable,
    reasons: ['waiting for scheduling gates: [foo bar]'],
  },
];

test('factory builds SchedulingGates under its upstream name', () => {
  assert.ok(plugin instanceof SchedulingGates);
  assert.equal(plugin.name, NAME);
  assert.equal(NAME, 'SchedulingGates');
});

for (const c of preEnqueueCases) {
  test(`SchedulingGates.preEnqueue: ${c.name}`, () => {
    const s = plugin.preEnqueue(c.pod);
    assert.equal(s.code, c.code);
    assert.deepEqual(s.reasons, c.reasons);
  });
}

test('SchedulingGates registers the gates-eliminated pod update', () => {
  const events = plugin.eventsToRegister();
  assert.deepEqual(
    events.map((e) => e.event),
    [{ resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated }],
  );
});

const hintCases: { name: string; newPod: Pod; want: string }[] = [
  { name: 'the gated pod itself lost its gates', newPod: makePod('p').obj(), want: 'Queue' },
  { name: 'another pod lost its gates', newPod: makePod('other').obj(), want: 'QueueSkip' },
];

for (const c of hintCases) {
  test(`SchedulingGates queueing hint: ${c.name}`, () => {
    const pod = makePod('p').schedulingGate('foo').obj();
    const oldPod = { ...c.newPod, spec: { ...c.newPod.spec!, schedulingGates: [{ name: 'foo' }] } };
    const hint = plugin.eventsToRegister()[0]!.queueingHint!;
    assert.equal(hint(pod, oldPod, c.newPod), c.want);
  });
}
