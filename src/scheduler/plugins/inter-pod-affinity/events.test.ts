import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ActionType } from '../../framework/interface.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, isSchedulableAfterNodeChange, isSchedulableAfterPodChange } from './index.js';
import { term, testHandle, ZONE } from './testing.js';

test('InterPodAffinity registers assigned-pod add/label/delete and node add/label events', () => {
  const pl = factory(undefined, testHandle([], []));
  assert.ok('eventsToRegister' in pl);
  const events = (pl as unknown as { eventsToRegister(): { event: unknown; queueingHint?: unknown }[] }).eventsToRegister();
  assert.deepEqual(
    events.map((e) => e.event),
    [
      { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete },
      { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
    ],
  );
  assert.ok(events.every((e) => typeof e.queueingHint === 'function'));
});

const target = makePod('p')
  .podAffinity(term('app', ['web'], ZONE))
  .podAffinity(term('app', ['db'], 'kubernetes.io/hostname'), true)
  .obj();
const assigned = (labels: Record<string, string>, node = 'n1'): Pod => {
  const w = makePod('other').node(node);
  for (const [k, v] of Object.entries(labels)) w.label(k, v);
  return w.obj();
};

const podCases: { name: string; old?: Pod; new?: Pod; want: string }[] = [
  { name: 'unscheduled pod added', new: makePod('other').label('app', 'web').obj(), want: 'QueueSkip' },
  { name: 'assigned pod matching the affinity added', new: assigned({ app: 'web' }), want: 'Queue' },
  { name: 'assigned pod not matching the affinity added', new: assigned({ app: 'db' }), want: 'QueueSkip' },
  { name: 'assigned pod relabelled to match the affinity', old: assigned({}), new: assigned({ app: 'web' }), want: 'Queue' },
  { name: 'assigned pod relabelled to stop matching the anti-affinity', old: assigned({ app: 'db' }), new: assigned({ app: 'x' }), want: 'Queue' },
  { name: 'assigned pod relabelled unrelated', old: assigned({ a: '1' }), new: assigned({ a: '2' }), want: 'QueueSkip' },
  { name: 'assigned pod matching the anti-affinity deleted', old: assigned({ app: 'db' }), want: 'Queue' },
  { name: 'assigned pod not matching the anti-affinity deleted', old: assigned({ app: 'web' }), want: 'QueueSkip' },
  { name: 'in another namespace', new: makePod('o', 'other').label('app', 'web').node('n1').obj(), want: 'QueueSkip' },
];

for (const c of podCases) {
  test(`InterPodAffinity pod hint: ${c.name}`, () => {
    assert.equal(isSchedulableAfterPodChange(target, c.old, c.new), c.want);
  });
}

const nodeCases: { name: string; old?: Node; new: Node; want: string }[] = [
  { name: 'node added with the affinity topology key', new: makeNode('n').label(ZONE, 'z').obj(), want: 'Queue' },
  { name: 'node added with the anti-affinity topology key (hostname)', new: makeNode('n').obj(), want: 'Queue' },
  { name: 'node without any of the keys', new: { metadata: { name: 'n', labels: {} } }, want: 'QueueSkip' },
];

for (const c of nodeCases) {
  test(`InterPodAffinity node hint: ${c.name}`, () => {
    assert.equal(isSchedulableAfterNodeChange(target, c.old, c.new), c.want);
  });
}

test('InterPodAffinity node hint: a pod without terms is never helped by a node', () => {
  assert.equal(isSchedulableAfterNodeChange(makePod('p').obj(), undefined, makeNode('n').label(ZONE, 'z').obj()), 'QueueSkip');
});
