import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PodInfo } from '../framework/types.js';
import { makePod } from '../testing/wrappers.js';
import { Nominator } from './nominator.js';

const pi = (w: ReturnType<typeof makePod>): PodInfo => new PodInfo(w.obj());
const onNode = (n: Nominator, node: string): string[] => n.podsForNode(node).map((p) => p.pod.metadata?.name ?? '');

test('nominator: add to a node, override to another, delete', () => {
  const n = new Nominator();
  n.add(pi(makePod('a')), 'node1');
  n.add(pi(makePod('b')), 'node1');
  assert.deepEqual(onNode(n, 'node1'), ['a', 'b']);
  n.add(pi(makePod('a')), 'node2');
  assert.deepEqual(onNode(n, 'node1'), ['b']);
  assert.deepEqual(onNode(n, 'node2'), ['a']);
  n.delete(makePod('a').obj());
  n.delete(makePod('missing').obj());
  assert.deepEqual(onNode(n, 'node2'), []);
  assert.equal(n.nodeOf(makePod('b').obj()), 'node1');
});

test('nominator: an empty node name follows status.nominatedNodeName; a bound pod is never nominated', () => {
  const n = new Nominator();
  n.add(pi(makePod('a').nominatedNodeName('node3')));
  assert.deepEqual(onNode(n, 'node3'), ['a']);
  n.add(pi(makePod('a')));
  assert.deepEqual(onNode(n, 'node3'), [], 'no status and no node: the nomination is dropped');
  n.add(pi(makePod('b').node('node1')), 'node1');
  assert.deepEqual(onNode(n, 'node1'), []);
});

const updates: { name: string; held?: string; oldNNN?: string; newNNN?: string; want?: string }[] = [
  { name: 'no status either side keeps the nomination held in memory', held: 'n1', want: 'n1' },
  { name: 'status added nominates', newNNN: 'n2', want: 'n2' },
  { name: 'status changed moves the nomination', held: 'n1', oldNNN: 'n1', newNNN: 'n2', want: 'n2' },
  { name: 'status removed clears the nomination', held: 'n1', oldNNN: 'n1', want: undefined },
  { name: 'nothing held, no status: nothing', want: undefined },
];
for (const c of updates) {
  test(`nominator update: ${c.name}`, () => {
    const n = new Nominator();
    const old = makePod('p');
    if (c.oldNNN) old.nominatedNodeName(c.oldNNN);
    if (c.held) n.add(new PodInfo(old.obj()), c.held);
    const next = makePod('p').label('v', '2');
    if (c.newNNN) next.nominatedNodeName(c.newNNN);
    n.update(old.obj(), pi(next));
    assert.equal(n.nodeOf(next.obj()), c.want);
    if (c.want) assert.equal(n.podsForNode(c.want)[0]?.pod.metadata?.labels?.v, '2', 'the stored PodInfo is the new one');
  });
}
