import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { Handle, QueueingHint } from '../../framework/interface.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { factory, type Fit } from './index.js';

const plugin = factory(undefined, {} as Handle) as Fit;
const [podEvent, nodeEvent] = plugin.eventsToRegister();

const target = makePod('p').req({ cpu: '2' }).obj();

const podCases: { name: string; pod?: Pod; old?: Pod; new?: Pod; want: QueueingHint }[] = [
  { name: 'scheduled pod deleted', old: makePod('e').node('n').req({ cpu: '1' }).obj(), want: 'Queue' },
  { name: 'unscheduled pod deleted', old: makePod('e').req({ cpu: '1' }).obj(), want: 'QueueSkip' },
  {
    name: 'the target pod itself scaled down',
    old: makePod('p').req({ cpu: '2' }).obj(),
    new: makePod('p').req({ cpu: '1' }).obj(),
    want: 'Queue',
  },
  {
    name: 'an unscheduled pod scaled down',
    old: makePod('e').req({ cpu: '2' }).obj(),
    new: makePod('e').req({ cpu: '1' }).obj(),
    want: 'QueueSkip',
  },
  {
    name: 'a scheduled pod gave back cpu the target requests',
    old: makePod('e').node('n').req({ cpu: '2' }).obj(),
    new: makePod('e').node('n').req({ cpu: '1' }).obj(),
    want: 'Queue',
  },
  {
    name: 'a scheduled pod gave back memory the target does not request',
    old: makePod('e').node('n').req({ cpu: '1', memory: '2Gi' }).obj(),
    new: makePod('e').node('n').req({ cpu: '1', memory: '1Gi' }).obj(),
    want: 'QueueSkip',
  },
];

for (const c of podCases) {
  test(`NodeResourcesFit pod hint: ${c.name}`, () => {
    assert.equal(podEvent!.queueingHint!(c.pod ?? target, c.old, c.new), c.want);
  });
}

const node = (cpu: string, pods = '110'): Node => makeNode('n').capacity({ cpu, memory: '32Gi', pods }).obj();

const nodeCases: { name: string; pod?: Pod; old?: Node; new: Node; want: QueueingHint }[] = [
  { name: 'node added that can hold the pod', new: node('4'), want: 'Queue' },
  { name: 'node added that is too small', new: node('1'), want: 'QueueSkip' },
  { name: 'allocatable grew and the pod now fits', old: node('1'), new: node('4'), want: 'Queue' },
  { name: 'allocatable grew but the pod still does not fit', old: node('1'), new: node('1500m'), want: 'QueueSkip' },
  { name: 'node updated without more of what the pod requests', old: node('4'), new: makeNode('n').capacity({ cpu: '4', memory: '64Gi' }).obj(), want: 'QueueSkip' },
  { name: 'more pod slots', old: node('4', '10'), new: node('4', '20'), want: 'Queue' },
  {
    name: 'extended resource grew',
    pod: makePod('p').req({ 'example.com/gpu': '1' }).obj(),
    old: makeNode('n').capacity({ cpu: '4', memory: '32Gi', 'example.com/gpu': '1' }).obj(),
    new: makeNode('n').capacity({ cpu: '4', memory: '32Gi', 'example.com/gpu': '2' }).obj(),
    want: 'Queue',
  },
];

for (const c of nodeCases) {
  test(`NodeResourcesFit node hint: ${c.name}`, () => {
    assert.equal(nodeEvent!.queueingHint!(c.pod ?? target, c.old, c.new), c.want);
  });
}
