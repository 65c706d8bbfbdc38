import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ActionType, type ClusterEventWithHint } from '../../framework/interface.js';
import type { P } from '../../framework/types.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, PodTopologySpread } from './index.js';
import { spreadOn, testHandle, ZONE } from './testing.js';

const pl = factory(undefined, testHandle([], [])) as PodTopologySpread;
const events = pl.eventsToRegister();
const hint = (i: number) => (pod: P, o?: unknown, n?: unknown) => (events[i] as Required<ClusterEventWithHint>).queueingHint(pod, o, n);
const podHint = hint(0);
const nodeHint = hint(1);

test('PodTopologySpread registers pod and node events with hints', () => {
  assert.deepEqual(
    events.map((e) => e.event),
    [
      { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.UpdatePodTolerations | ActionType.Delete },
      { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
    ],
  );
});

const target = makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).obj();
const honorTaints = makePod('p').spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { nodeTaintsPolicy: 'Honor' })).obj();
const assigned = (labels: Record<string, string>, ns = 'default'): Pod => {
  const w = makePod('other', ns).node('n1');
  for (const [k, v] of Object.entries(labels)) w.label(k, v);
  return w.obj();
};

const podCases: { name: string; pod?: Pod; old?: Pod; new?: Pod; want: string }[] = [
  { name: 'matching assigned pod added', new: assigned({ foo: '' }), want: 'Queue' },
  { name: 'non-matching assigned pod added', new: assigned({ bar: '' }), want: 'QueueSkip' },
  { name: 'unscheduled pod added', new: makePod('o').label('foo', '').obj(), want: 'QueueSkip' },
  { name: 'pod of another namespace added', new: assigned({ foo: '' }, 'other'), want: 'QueueSkip' },
  { name: 'matching assigned pod deleted', old: assigned({ foo: '' }), want: 'Queue' },
  { name: 'assigned pod relabelled into the selector', old: assigned({}), new: assigned({ foo: '' }), want: 'Queue' },
  { name: 'assigned pod relabelled out of the selector', old: assigned({ foo: '' }), new: assigned({}), want: 'Queue' },
  { name: 'assigned pod relabelled, selector verdict unchanged', old: assigned({ foo: '', a: '1' }), new: assigned({ foo: '', a: '2' }), want: 'QueueSkip' },
  {
    name: 'the pod itself got a toleration, a constraint honours taints',
    pod: honorTaints,
    old: honorTaints,
    new: makePod('p').spread(spreadOn(ZONE, 1, 'DoNotSchedule', 'foo', { nodeTaintsPolicy: 'Honor' })).toleration({ key: 'k', operator: 'Exists' }).obj(),
    want: 'Queue',
  },
  {
    name: 'the pod itself got a toleration, taints ignored',
    old: target,
    new: makePod('p').label('foo', '').spread(spreadOn(ZONE, 1, 'DoNotSchedule')).toleration({ key: 'k', operator: 'Exists' }).obj(),
    want: 'QueueSkip',
  },
];

for (const c of podCases) {
  test(`PodTopologySpread pod hint: ${c.name}`, () => {
    assert.equal(podHint(c.pod ?? target, c.old, c.new), c.want);
  });
}

const zoned = (zone?: string, taint = false): Node => {
  const w = makeNode('n');
  if (zone) w.label(ZONE, zone);
  if (taint) w.taint({ key: 'k', effect: 'NoSchedule' });
  return w.obj();
};

const nodeCases: { name: string; old?: Node; new?: Node; want: string }[] = [
  { name: 'node with the key added', new: zoned('z1'), want: 'Queue' },
  { name: 'node without the key added', new: zoned(), want: 'QueueSkip' },
  { name: 'node with the key deleted', old: zoned('z1'), want: 'Queue' },
  { name: 'node without the key deleted', old: zoned(), want: 'QueueSkip' },
  { name: 'node got the key', old: zoned(), new: zoned('z1'), want: 'Queue' },
  { name: 'node lost the key', old: zoned('z1'), new: zoned(), want: 'Queue' },
  { name: 'node changed its zone', old: zoned('z1'), new: zoned('z2'), want: 'Queue' },
  { name: 'node changed its taints', old: zoned('z1'), new: zoned('z1', true), want: 'Queue' },
  { name: 'node changed an unrelated label', old: zoned('z1'), new: { ...zoned('z1'), metadata: { name: 'n', labels: { [ZONE]: 'z1', a: 'b' } } }, want: 'QueueSkip' },
];

for (const c of nodeCases) {
  test(`PodTopologySpread node hint: ${c.name}`, () => {
    assert.equal(nodeHint(target, c.old, c.new), c.want);
  });
}
