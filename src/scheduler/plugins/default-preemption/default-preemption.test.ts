import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { newInternalError, newNotFound } from '../../../machinery/errors/status.js';
import type { NodeToStatusMap, WaitingPod } from '../../framework/interface.js';
import { Code, Status } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { DefaultPreemption, type DefaultPreemptionArgs } from './index.js';
import { makePDB, newHarness, type Harness } from './testing.js';

const DEFAULT_ARGS: DefaultPreemptionArgs = { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 };
const UNRESOLVABLE = "node(s) didn't match Pod's node affinity/selector";

const nodes = (...names: string[]): Node[] => names.map((n) => makeNode(n).capacity({ cpu: '4', memory: '8Gi' }).obj());
/** A pod on a node: name, node, priority, cpu. */
const on = (name: string, node: string, prio: number, cpu: string): Pod => makePod(name).node(node).priority(prio).req({ cpu }).obj();
const preemptor = (prio = 10, cpu = '2'): Pod => makePod('p').uid('uid-p').schedulerName('default-scheduler').priority(prio).req({ cpu }).obj();

interface Run {
  h: Harness;
  result?: { nominatedNodeName?: string };
  status: Status;
}

interface Setup {
  pods: Pod[];
  nodes: Node[];
  pod?: Pod;
  pdbs?: PodDisruptionBudget[];
  nominated?: Pod[];
  waitingPods?: WaitingPod[];
  args?: DefaultPreemptionArgs;
  random?: number;
  /** Verdicts that replace the real filters' (e.g. unresolvable nodes). */
  statuses?: Record<string, Status>;
  /** Runs before the PostFilter (e.g. reactors). */
  before?: (h: Harness) => void;
}

async function run(s: Setup): Promise<Run> {
  const pod = s.pod ?? preemptor();
  const inInformer = s.pods.concat(s.pod === undefined || !s.pod.spec?.nodeName ? [pod] : []);
  const h = newHarness({ pods: inInformer, nodes: s.nodes, pdbs: s.pdbs ?? [], nominated: s.nominated ?? [], waitingPods: s.waitingPods ?? [] });
  s.before?.(h);
  const state = h.preFilter(pod);
  const statuses: NodeToStatusMap = h.filterStatuses(state, pod);
  for (const [n, st] of Object.entries(s.statuses ?? {})) statuses.set(n, st);
  const pl = new DefaultPreemption(s.args ?? DEFAULT_ARGS, h.handle, () => s.random ?? 0);
  const out = await pl.postFilter(state, pod, statuses);
  return { h, ...out };
}

/** "verb resource[/sub] name" of every write. */
const writes = (h: Harness): string[] =>
  h.client.actions.filter((a) => a.verb !== 'get' && a.verb !== 'list').map((a) => `${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ''} ${a.name}`);

test('preempts the least important pods of the best node, marks and deletes them, clears lower nominations', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1', 'n2', 'n3'),
    pods: [on('a1', 'n1', 1, '2'), on('a2', 'n1', 2, '2'), on('b1', 'n2', 5, '4'), on('c1', 'n3', 8, '4')],
    nominated: [
      makePod('lower').priority(3).nominatedNodeName('n1').obj(),
      makePod('higher').priority(50).nominatedNodeName('n1').obj(),
      makePod('elsewhere').priority(3).nominatedNodeName('n2').obj(),
    ],
  });
  assert.equal(status.code, Code.Success, status.toString());
  assert.deepEqual(result, { nominatedNodeName: 'n1' });
  assert.deepEqual(writes(h), ['patch pods/status a1', 'delete pods a1', 'patch pods/status lower']);
  const [mark, , clear] = h.client.actions.filter((a) => a.verb !== 'get' && a.verb !== 'list');
  assert.equal(mark!.patchType, 'strategic');
  assert.deepEqual(mark!.patch, {
    status: {
      conditions: [
        {
          type: 'DisruptionTarget',
          status: 'True',
          reason: 'PreemptionByScheduler',
          message: 'default-scheduler: preempting to accommodate a higher priority pod',
          lastTransitionTime: '2026-01-02T00:00:00Z',
        },
      ],
    },
  });
  assert.deepEqual(clear!.patch, { status: { nominatedNodeName: null } });
  const deleteOptions = h.client.actionsOf('delete', 'pods')[0]!.options as { gracePeriodSeconds?: number } | undefined;
  assert.equal(deleteOptions?.gracePeriodSeconds, undefined, 'graceful: the pod keeps its own grace period');
  assert.deepEqual(h.recorder.events, ['Normal Preempted Preempted by pod uid-p on node n1']);
  assert.equal(h.recorder.objects[0]?.metadata?.name, 'a1');
});

test('every victim gets its own status patch and delete', async () => {
  const { h, result } = await run({
    nodes: nodes('n1'),
    pods: [on('v1', 'n1', 1, '1'), on('v2', 'n1', 2, '1'), on('keep', 'n1', 20, '2')],
  });
  assert.deepEqual(result, { nominatedNodeName: 'n1' });
  assert.deepEqual(writes(h).sort(), ['delete pods v1', 'delete pods v2', 'patch pods/status v1', 'patch pods/status v2']);
  for (const v of ['v1', 'v2']) {
    const mine = writes(h).filter((w) => w.endsWith(` ${v}`));
    assert.deepEqual(mine, [`patch pods/status ${v}`, `delete pods ${v}`], 'the condition is set before the delete');
  }
  assert.equal(h.recorder.events.length, 2);
});

const messages: { name: string; setup: Setup; message: string }[] = [
  {
    name: 'no victims on one node, two unresolvable',
    setup: {
      nodes: nodes('n1', 'n2', 'n3'),
      pods: [on('h1', 'n1', 20, '4')],
      statuses: { n2: Status.unresolvable(UNRESOLVABLE), n3: Status.unresolvable(UNRESOLVABLE) },
    },
    message: 'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
  },
  {
    name: 'a node where even removing all lower-priority pods is not enough reports its filter reason',
    setup: {
      nodes: nodes('n1', 'n2', 'n3'),
      pods: [on('h1', 'n1', 20, '4'), on('h2', 'n2', 20, '3'), on('l2', 'n2', 1, '1')],
      statuses: { n3: Status.unresolvable(UNRESOLVABLE) },
    },
    message:
      'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
  },
  {
    name: 'no node was Unschedulable',
    setup: {
      nodes: nodes('n1', 'n2'),
      pods: [on('l1', 'n1', 1, '4')],
      statuses: { n1: Status.unresolvable(UNRESOLVABLE), n2: Status.unresolvable(UNRESOLVABLE) },
    },
    message: 'preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  },
];

for (const c of messages) {
  test(`no candidate: ${c.name}`, async () => {
    const { h, result, status } = await run(c.setup);
    assert.equal(status.code, Code.Unschedulable);
    assert.deepEqual(status.reasons, [c.message]);
    assert.deepEqual(result, { nominatedNodeName: '' }, 'a stale nomination is cleared');
    assert.deepEqual(writes(h), []);
    assert.deepEqual(h.recorder.events, []);
  });
}

test('preemptionPolicy Never: not eligible, nothing touched, nomination kept', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1'),
    pods: [on('l1', 'n1', 1, '4')],
    pod: makePod('p').priority(10).preemptionPolicy('Never').req({ cpu: '2' }).obj(),
  });
  assert.equal(status.code, Code.Unschedulable);
  assert.deepEqual(status.reasons, ['preemption: not eligible due to preemptionPolicy=Never.']);
  assert.equal(result, undefined);
  assert.deepEqual(writes(h), []);
});

const terminatingVictim = (node: string): Pod =>
  makePod('going').node(node).priority(1).req({ cpu: '2' }).terminating().condition('DisruptionTarget', 'True', 'PreemptionByScheduler').obj();

test('a nominated preemptor waits while its earlier victim terminates', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1', 'n2'),
    pods: [terminatingVictim('n1'), on('other', 'n1', 1, '2'), on('l2', 'n2', 1, '4')],
    pod: makePod('p').priority(10).req({ cpu: '4' }).nominatedNodeName('n1').obj(),
  });
  assert.deepEqual(status.reasons, ['preemption: not eligible due to a terminating pod on the nominated node.']);
  assert.equal(status.code, Code.Unschedulable);
  assert.equal(result, undefined);
  assert.deepEqual(writes(h), []);
});

test('a nominated preemptor whose node became unresolvable preempts elsewhere', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1', 'n2'),
    pods: [terminatingVictim('n1'), on('other', 'n1', 1, '2'), on('l2', 'n2', 1, '4')],
    pod: makePod('p').priority(10).req({ cpu: '4' }).nominatedNodeName('n1').obj(),
    statuses: { n1: Status.unresolvable(UNRESOLVABLE) },
  });
  assert.equal(status.code, Code.Success, status.toString());
  assert.deepEqual(result, { nominatedNodeName: 'n2' });
  assert.deepEqual(writes(h), ['patch pods/status l2', 'delete pods l2']);
});

test('victims already terminating are not deleted again', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1'),
    pods: [terminatingVictim('n1'), on('other', 'n1', 1, '2')],
    pod: makePod('p').uid('uid-p').priority(10).req({ cpu: '4' }).obj(),
  });
  assert.equal(status.code, Code.Success, status.toString());
  assert.deepEqual(result, { nominatedNodeName: 'n1' });
  assert.deepEqual(writes(h), ['patch pods/status other', 'delete pods other']);
  assert.deepEqual(h.recorder.events, ['Normal Preempted Preempted by pod uid-p on node n1']);
});

const choices: { name: string; pdbs: PodDisruptionBudget[]; want: string }[] = [
  { name: 'without budgets the node with the least important victim', pdbs: [], want: 'n1' },
  { name: 'a node whose victims respect their budgets wins over fewer violations', pdbs: [makePDB('db', { app: 'db' }, 0)], want: 'n2' },
];

for (const c of choices) {
  test(`candidate choice: ${c.name}`, async () => {
    const protectedPod = makePod('a').node('n1').priority(1).label('app', 'db').req({ cpu: '4' }).obj();
    const { h, result } = await run({ nodes: nodes('n1', 'n2'), pods: [protectedPod, on('b', 'n2', 5, '4')], pdbs: c.pdbs });
    assert.deepEqual(result, { nominatedNodeName: c.want });
    assert.equal(h.client.actionsOf('delete', 'pods').length, 1);
  });
}

const rotations: { name: string; random: number; want: string; checked: string[] }[] = [
  { name: 'offset 0', random: 0, want: 'n1', checked: ['n1'] },
  { name: 'offset 2 of 4', random: 0.5, want: 'n3', checked: ['n3'] },
  { name: 'offset 3 of 4', random: 0.99, want: 'n4', checked: ['n4'] },
];

for (const c of rotations) {
  test(`dry run starts at a random offset and stops at enough candidates: ${c.name}`, async () => {
    const ns = ['n1', 'n2', 'n3', 'n4'];
    const { h, result } = await run({
      nodes: nodes(...ns),
      pods: ns.map((n) => on(`v-${n}`, n, 1, '4')),
      args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 },
      random: c.random,
    });
    assert.deepEqual(result, { nominatedNodeName: c.want });
    assert.deepEqual([...new Set(h.extensionCalls.map((x) => x.split(' ')[2]))], c.checked);
  });
}

test('the dry run does not stop before it has a candidate that respects the budgets', async () => {
  const protectedPod = makePod('a').node('n1').priority(1).label('app', 'db').req({ cpu: '4' }).obj();
  const { result } = await run({
    nodes: nodes('n1', 'n2', 'n3'),
    pods: [protectedPod, on('b', 'n2', 5, '4'), on('c', 'n3', 1, '4')],
    pdbs: [makePDB('db', { app: 'db' }, 0)],
    args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 1 },
  });
  assert.deepEqual(result, { nominatedNodeName: 'n2' }, 'n1 violates a budget, n2 does not; n3 is never reached');
});

test('with enough candidates wanted, every potential node is tried and the best chosen', async () => {
  const { h, result } = await run({
    nodes: nodes('n1', 'n2', 'n3'),
    pods: [on('v1', 'n1', 5, '4'), on('v2', 'n2', 1, '4'), on('v3', 'n3', 3, '4')],
    random: 0.5,
  });
  assert.deepEqual(result, { nominatedNodeName: 'n2' });
  assert.deepEqual([...new Set(h.extensionCalls.map((x) => x.split(' ')[2]))], ['n2', 'n3', 'n1']);
});

test('a victim waiting in Permit is rejected instead of deleted', async () => {
  const w = makePod('w').node('n1').priority(1).req({ cpu: '4' }).obj();
  const rejected: string[] = [];
  const waiting: WaitingPod = { pod: w, allow: () => undefined, reject: (pl, msg) => rejected.push(`${pl}: ${msg}`) };
  const { h, result } = await run({ nodes: nodes('n1'), pods: [w], waitingPods: [waiting] });
  assert.deepEqual(result, { nominatedNodeName: 'n1' });
  assert.deepEqual(rejected, ['DefaultPreemption: preempted']);
  assert.deepEqual(writes(h), []);
  assert.deepEqual(h.recorder.events, ['Normal Preempted Preempted by pod uid-p on node n1']);
});

test('a victim already gone counts as preempted, without an event', async () => {
  const { h, result, status } = await run({
    nodes: nodes('n1'),
    pods: [on('v', 'n1', 1, '4')],
    before: (hh) =>
      hh.client.prependReactor('delete', 'pods', () => {
        throw newNotFound({ group: '', resource: 'pods' }, 'v');
      }),
  });
  assert.equal(status.code, Code.Success);
  assert.deepEqual(result, { nominatedNodeName: 'n1' });
  assert.deepEqual(h.recorder.events, []);
});

test('an API error fails the attempt with Error and no nomination', async () => {
  const { result, status } = await run({
    nodes: nodes('n1'),
    pods: [on('v', 'n1', 1, '4')],
    before: (hh) =>
      hh.client.prependReactor('patch', 'pods/status', () => {
        throw newInternalError(new Error('etcd down'));
      }),
  });
  assert.equal(status.code, Code.Error);
  assert.match(status.message(), /^preemption: .*etcd down/);
  assert.equal(result, undefined);
});

test('a preemptor missing from the informer is an Error', async () => {
  const h = newHarness({ pods: [], nodes: nodes('n1') });
  const pod = preemptor();
  const state = h.preFilter(pod);
  const out = await new DefaultPreemption(DEFAULT_ARGS, h.handle).postFilter(state, pod, h.filterStatuses(state, pod));
  assert.equal(out.status.code, Code.Error);
  assert.deepEqual(out.status.reasons, ['preemption: pod "p" not found']);
});
