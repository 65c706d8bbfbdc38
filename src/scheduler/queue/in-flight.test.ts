import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionType, type ClusterEvent } from '../framework/interface.js';
import { InFlight } from './in-flight.js';

const ev = (label: string): ClusterEvent => ({ resource: 'Node', actionType: ActionType.Add, label });
const labels = (f: InFlight, uid: string): string[] => f.eventsSince(uid).map((e) => e.event.label ?? '');

test('in-flight: a pod sees only the events recorded after its pop', () => {
  const f = new InFlight();
  assert.equal(f.record(ev('e0'), undefined, undefined), false, 'nothing in flight: not recorded');
  f.begin('a');
  f.record(ev('e1'), undefined, undefined);
  f.begin('b');
  f.record(ev('e2'), undefined, undefined);
  assert.deepEqual(labels(f, 'a'), ['e1', 'e2']);
  assert.deepEqual(labels(f, 'b'), ['e2']);
  assert.deepEqual(labels(f, 'unknown'), []);
});

test('in-flight: ending the oldest pod trims the events no one needs; ending all empties the log', () => {
  const f = new InFlight();
  f.begin('a');
  f.record(ev('e1'), undefined, undefined);
  f.begin('b');
  f.record(ev('e2'), undefined, undefined);
  f.end('b');
  assert.equal(f.eventCount, 2, 'a still needs e1 and e2');
  f.begin('c');
  f.end('a');
  assert.equal(f.eventCount, 0, 'c was popped after e2');
  f.record(ev('e3'), undefined, undefined);
  assert.deepEqual(labels(f, 'c'), ['e3']);
  assert.equal(f.end('c')?.deleted, false);
  assert.equal(f.size, 0);
  assert.equal(f.eventCount, 0);
  assert.equal(f.end('c'), undefined);
});

test('in-flight: a long-running pod keeps its events while many others come and go', () => {
  const f = new InFlight();
  f.begin('slow');
  for (let i = 0; i < 5000; i++) {
    f.begin(`p${i}`);
    f.record(ev(`e${i}`), undefined, undefined);
    f.end(`p${i}`);
  }
  assert.equal(f.eventsSince('slow').length, 5000);
  f.end('slow');
  assert.equal(f.eventCount, 0);
});
