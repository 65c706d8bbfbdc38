import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnosis, FitError, singleNodeFitError } from './fit-error.js';
import { Code, Status } from './framework/status.js';
import { makePod } from './testing/wrappers.js';
import { selectHost } from './select-host.js';

const pod = makePod('p').obj();

test('FitError message: counts per reason, sorted as strings, PostFilter message appended', () => {
  const d = new Diagnosis();
  d.nodeToStatus.set('cp', Status.unschedulable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
  d.nodeToStatus.set('w1', Status.unschedulable('Insufficient cpu'));
  d.nodeToStatus.set('w2', Status.unschedulable('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'));
  d.postFilterMsg = 'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
  assert.equal(
    new FitError(pod, 3, d).message,
    '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. ' +
      'preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
  );
});

test('FitError message: a node with two reasons counts in both; absent nodes count with the absent status', () => {
  const d = new Diagnosis();
  d.nodeToStatus.set('a', Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
  d.absentNodesStatus = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
  assert.equal(
    new FitError(pod, 12, d).message,
    "0/12 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 11 node(s) didn't satisfy plugin(s) [NodeAffinity].",
  );
});

test('FitError message: string order, so 10 sorts before 2 (as upstream)', () => {
  const d = new Diagnosis();
  for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, Status.unschedulable('zzz'));
  for (let i = 0; i < 2; i++) d.nodeToStatus.set(`b${i}`, Status.unschedulable('aaa'));
  assert.equal(new FitError(pod, 12, d).message, '0/12 nodes are available: 10 zzz, 2 aaa.');
});

test('FitError message: a PreFilter rejection replaces the per-node histogram', () => {
  const d = new Diagnosis();
  d.preFilterMsg = 'persistentvolumeclaim "data" not found';
  d.absentNodesStatus = Status.unresolvable('persistentvolumeclaim "data" not found');
  assert.equal(new FitError(pod, 3, d).message, '0/3 nodes are available: persistentvolumeclaim "data" not found.');
});

test('a rejection at one node reads as 0/1 and records its plugin', () => {
  const s = Status.unschedulable('gang incomplete').withPlugin('Coscheduling');
  const e = singleNodeFitError(pod, 'n1', s);
  assert.equal(e.message, '0/1 nodes are available: 1 gang incomplete.');
  assert.deepEqual([...e.diagnosis.unschedulablePlugins], ['Coscheduling']);
  assert.equal(new Status(Code.Pending).isRejected(), true);
});

test('selectHost: the highest score; ties broken by reservoir sampling', () => {
  const scores = [
    { name: 'a', score: 10 },
    { name: 'b', score: 30 },
    { name: 'c', score: 30 },
    { name: 'd', score: 30 },
  ];
  // random() < 1/k keeps replacing: always the last of the tied.
  assert.equal(selectHost(scores, () => 0), 'd');
  // random() close to 1 never replaces: the first of the tied.
  assert.equal(selectHost(scores, () => 0.99), 'b');
  assert.equal(selectHost([], () => 0), undefined);
  const seen = new Set<string>();
  let x = 0;
  for (let i = 0; i < 200; i++) seen.add(selectHost(scores, () => ((x = (x * 9301 + 49297) % 233280), x / 233280))!);
  assert.deepEqual([...seen].sort(), ['b', 'c', 'd']);
});
