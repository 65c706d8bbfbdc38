import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Node, Pod } from 'kubernetes-types/core/v1.js';
import { ActionType, type ClusterEvent, type ClusterEventWithHint, type QueuedPodInfo } from '../framework/interface.js';
import { Status } from '../framework/status.js';
import { PodInfo } from '../framework/types.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import type { PriorityQueue } from './queue.js';
import { newQueuedPodInfo } from './queued-pod.js';
import { failAttempt, newTestQueue, popNow } from './testing.js';

const nodeAdd: ClusterEvent = { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' };
const nodeTaint: ClusterEvent = { resource: 'Node', actionType: ActionType.UpdateNodeTaint, label: 'NodeTaintChange' };
const pvAdd: ClusterEvent = { resource: 'PersistentVolume', actionType: ActionType.Add };
const untainted = (_pod: unknown, _old: unknown, n: unknown): 'Queue' | 'QueueSkip' => ((n as Node).spec?.taints?.length ? 'QueueSkip' : 'Queue');

/** What plugins would register (a small, upstream-like subset). */
const hints = new Map<string, ClusterEventWithHint[]>([
  ['NodeResourcesFit', [{ event: nodeAdd }, { event: { resource: 'Pod', actionType: ActionType.Delete | ActionType.UpdatePodScaleDown } }]],
  ['TaintToleration', [{ event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint }, queueingHint: untainted }]],
  ['NodeAffinity', [{ event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }, queueingHint: () => 'QueueSkip' }]],
  ['InterPodAffinity', [{ event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete } }]],
  ['PodTopologySpread', [{ event: { resource: 'Pod', actionType: ActionType.Add | ActionType.Delete } }]],
  ['VolumeBinding', [{ event: pvAdd }]],
]);

/** PreEnqueue as the runtime runs it with the SchedulingGates plugin. */
const schedulingGates = (pod: Pod): Status =>
  pod.spec?.schedulingGates?.length
    ? Status.unresolvable(`waiting for scheduling gates: ${pod.spec.schedulingGates.map((g) => g.name).join(',')}`).withPlugin('SchedulingGates')
    : Status.success();

/** Adds the pod, pops it and fails it with these plugins; returns its QueuedPodInfo. */
async function rejected(q: PriorityQueue, pod: Pod, plugins: string[], pending: string[] = []): Promise<QueuedPodInfo> {
  q.add(pod);
  const p = (await popNow(q))!;
  assert.equal(p.podInfo.pod.metadata?.name, pod.metadata?.name);
  failAttempt(q, p, plugins, pending);
  return p;
}

const where = (q: PriorityQueue): string => {
  const c = q.counts();
  return c.active ? 'active' : c.backoff ? 'backoff' : c.unschedulable ? 'unschedulable' : c.gated ? 'gated' : 'none';
};

const moves: { name: string; plugins: string[]; pending?: string[]; event: ClusterEvent; newObj?: unknown; waitMs?: number; want: string }[] = [
  { name: 'registered event, no hint, still backing off → backoffQ', plugins: ['NodeResourcesFit'], event: nodeAdd, want: 'backoff' },
  { name: 'registered event after the backoff → activeQ', plugins: ['NodeResourcesFit'], event: nodeAdd, waitMs: 1_000, want: 'active' },
  { name: 'event no rejecting plugin registered → stays', plugins: ['NodeResourcesFit'], event: pvAdd, want: 'unschedulable' },
  { name: 'hint says Queue → moves', plugins: ['TaintToleration'], event: nodeTaint, newObj: makeNode('n').obj(), want: 'backoff' },
  { name: 'hint says QueueSkip → stays', plugins: ['TaintToleration'], event: nodeTaint, newObj: makeNode('n').taint({ key: 'k', effect: 'NoSchedule' }).obj(), want: 'unschedulable' },
  { name: 'one of two rejecting plugins says Queue → moves', plugins: ['NodeAffinity', 'NodeResourcesFit'], event: nodeAdd, want: 'backoff' },
  { name: 'all rejecting plugins skip → stays', plugins: ['NodeAffinity'], event: nodeAdd, want: 'unschedulable' },
  { name: 'a Pending plugin says Queue → activeQ despite backoff', plugins: [], pending: ['VolumeBinding'], event: pvAdd, want: 'active' },
  { name: 'wildcard event → every pod', plugins: ['NodeAffinity'], event: { resource: 'WildCard', actionType: ActionType.All }, want: 'backoff' },
  { name: 'wildcard event aimed at another pod (ForceActivate) → stays', plugins: ['NodeAffinity'], event: { resource: 'WildCard', actionType: ActionType.All }, newObj: makePod('other').obj(), want: 'unschedulable' },
];
for (const c of moves) {
  test(`queue event: ${c.name}`, async () => {
    const { q, clock } = newTestQueue({ queueingHints: hints });
    await rejected(q, makePod('p').obj(), c.plugins, c.pending);
    assert.equal(where(q), 'unschedulable');
    if (c.waitMs) clock.step(c.waitMs);
    q.moveAllToActiveOrBackoffQueue(c.event, undefined, c.newObj);
    assert.equal(where(q), c.want);
    q.close();
  });
}

test('queue event: a failure that recorded no plugin (Error) goes to backoffQ, never the pool, then activeQ', async () => {
  const { q, clock } = newTestQueue({ queueingHints: hints });
  await rejected(q, makePod('p').obj(), []);
  assert.equal(where(q), 'backoff');
  clock.step(1_000);
  assert.equal(where(q), 'active');
  q.close();
});

test('queue event: without a hint map every event moves rejected pods', async () => {
  const { q } = newTestQueue();
  await rejected(q, makePod('p').obj(), ['Anything']);
  q.moveAllToActiveOrBackoffQueue(pvAdd, undefined, {});
  assert.equal(where(q), 'backoff');
  q.close();
});

test('queue event: a profile map applies to the pods of that profile', async () => {
  const other = new Map<string, ClusterEventWithHint[]>([['NodeResourcesFit', [{ event: pvAdd }]]]);
  const { q } = newTestQueue({ queueingHints: hints, profileQueueingHints: new Map([['other-scheduler', other]]) });
  await rejected(q, makePod('mine').obj(), ['NodeResourcesFit']);
  await rejected(q, makePod('theirs').schedulerName('other-scheduler').obj(), ['NodeResourcesFit']);
  q.moveAllToActiveOrBackoffQueue(pvAdd, undefined, {});
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 1, gated: 0 });
  q.close();
});

test('queue gates: a gated pod waits in the pool, ignores events and the timeout, and enters when the gate goes', async () => {
  const { q, clock } = newTestQueue({ queueingHints: hints, preEnqueue: schedulingGates });
  const gated = makePod('g').schedulingGate('example.com/quota').schedulingGate('b').obj();
  q.add(gated);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 0, gated: 1 });
  q.moveAllToActiveOrBackoffQueue({ resource: 'WildCard', actionType: ActionType.All }, undefined, undefined);
  clock.step(400_000);
  assert.equal(where(q), 'gated');
  const oneGateLeft = makePod('g').schedulingGate('b').obj();
  q.update(gated, oneGateLeft);
  assert.equal(where(q), 'gated', 'PreEnqueue ran again and still gates it');
  const open = makePod('g').obj();
  q.update(oneGateLeft, open);
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0, gated: 0 });
  const p = (await popNow(q))!;
  assert.equal(p.attempts, 1);
  assert.equal(p.gated, false);
  assert.equal(p.initialAttemptTimestamp, clock.now().getTime(), 'first attempt counted from leaving the gate');
  q.close();
});

test('queue gates: a pod gated by another PreEnqueue plugin is re-checked on events', async () => {
  let open = false;
  const preEnqueue = (): Status => (open ? Status.success() : Status.unschedulable('not yet').withPlugin('Quota'));
  const { q } = newTestQueue({ queueingHints: new Map([['Quota', [{ event: pvAdd }]]]), preEnqueue });
  q.add(makePod('p').obj());
  assert.equal(where(q), 'gated');
  q.moveAllToActiveOrBackoffQueue(pvAdd, undefined, {});
  assert.equal(where(q), 'gated');
  open = true;
  q.moveAllToActiveOrBackoffQueue(pvAdd, undefined, {});
  assert.equal(where(q), 'active');
  q.close();
});

test('queue update: a spec or label change moves a pool pod; a status-only change does not', async () => {
  const { q, clock } = newTestQueue({ queueingHints: hints });
  const old = makePod('p').obj();
  await rejected(q, old, ['NodeAffinity']);
  const statusOnly = makePod('p').condition('PodScheduled', 'False', 'Unschedulable').obj();
  q.update(old, statusOnly);
  assert.equal(where(q), 'unschedulable');
  const relabeled = makePod('p').label('tier', 'x').obj();
  q.update(statusOnly, relabeled);
  assert.equal(where(q), 'backoff', 'still backing off');
  clock.step(1_000);
  assert.equal(where(q), 'active');
  assert.equal((await popNow(q))?.podInfo.pod.metadata?.labels?.tier, 'x');
  q.close();
});

test('queue in-flight: an event during the attempt is not lost', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  q.add(makePod('p').obj());
  const p = (await popNow(q))!;
  q.moveAllToActiveOrBackoffQueue(nodeAdd, undefined, makeNode('new').obj()); // while p is being filtered
  failAttempt(q, p, ['NodeResourcesFit']);
  assert.equal(where(q), 'backoff');
  q.close();
});

const races: { name: string; before?: boolean; event: ClusterEvent; newObj?: unknown; want: string }[] = [
  { name: 'an event before the pop does not count', before: true, event: nodeAdd, want: 'unschedulable' },
  { name: 'an event the rejecting plugin did not register does not count', event: pvAdd, want: 'unschedulable' },
  { name: 'an event its hint skips does not count', event: nodeTaint, newObj: makeNode('n').taint({ key: 'k', effect: 'NoSchedule' }).obj(), want: 'unschedulable' },
  { name: 'an event its hint queues counts', event: nodeTaint, newObj: makeNode('n').obj(), want: 'backoff' },
];
for (const c of races) {
  test(`queue in-flight: ${c.name}`, async () => {
    const { q } = newTestQueue({ queueingHints: hints });
    q.add(makePod('p').obj());
    if (c.before) q.moveAllToActiveOrBackoffQueue(c.event, undefined, c.newObj ?? {});
    const p = (await popNow(q))!;
    if (!c.before) q.moveAllToActiveOrBackoffQueue(c.event, undefined, c.newObj ?? {});
    failAttempt(q, p, ['TaintToleration', 'NodeResourcesFit'].slice(0, c.event === nodeTaint ? 1 : 2));
    assert.equal(where(q), c.want);
    q.close();
  });
}

test('queue in-flight: each pod sees only the events after its own pop', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  q.add(makePod('a').obj());
  q.add(makePod('b').obj());
  const a = (await popNow(q))!;
  q.moveAllToActiveOrBackoffQueue(nodeAdd, undefined, {});
  const b = (await popNow(q))!;
  failAttempt(q, b, ['NodeResourcesFit']);
  failAttempt(q, a, ['NodeResourcesFit']);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 1, gated: 0 });
  assert.equal(q.pendingPods()[0]?.metadata?.name, 'a', 'a is the one in backoffQ');
  q.close();
});

test('queue in-flight: an update of the pod itself during the attempt requeues it; a status-only one does not', async () => {
  for (const [change, want] of [['label', 'backoff'], ['status', 'unschedulable']] as const) {
    const { q } = newTestQueue({ queueingHints: hints });
    const old = makePod('p').obj();
    q.add(old);
    const p = (await popNow(q))!;
    const next = change === 'label' ? makePod('p').label('new', 'label').obj() : makePod('p').condition('PodScheduled', 'False').obj();
    q.update(old, next);
    assert.equal(where(q), 'none', 'not queued while in flight');
    failAttempt(q, p, ['NodeAffinity']);
    assert.equal(where(q), want, change);
    assert.equal(q.pendingPods()[0], next, 'the newest version is queued');
    q.close();
  }
});

test('queue in-flight: a pod deleted during the attempt is not requeued', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const pod = makePod('p').obj();
  q.add(pod);
  const p = (await popNow(q))!;
  q.delete(pod);
  failAttempt(q, p, []);
  assert.equal(where(q), 'none');
  q.close();
});

test('queue: a pod this queue did not pop falls back to the cycle of the last move request', () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const cycle = q.schedulingCycle();
  q.moveAllToActiveOrBackoffQueue(nodeAdd, undefined, {});
  const a = newQueuedPodInfo(makePod('a').obj(), 0);
  a.attempts = 1;
  a.unschedulablePlugins.add('NodeAffinity');
  q.addUnschedulableIfNotPresent(a, cycle);
  assert.equal(where(q), 'backoff', 'a move request came in its cycle');
  q.delete(a.podInfo.pod);
  const b = newQueuedPodInfo(makePod('b').obj(), 0);
  b.attempts = 1;
  b.unschedulablePlugins.add('NodeAffinity');
  q.addUnschedulableIfNotPresent(b, cycle + 1);
  assert.equal(where(q), 'unschedulable');
  q.close();
});

test('queue assigned pods: an added pod moves pods whose affinity it satisfies, and PodTopologySpread rejections', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  await rejected(q, makePod('wants-db').podAffinity(term).obj(), ['InterPodAffinity']);
  await rejected(q, makePod('spread').obj(), ['PodTopologySpread']);
  await rejected(q, makePod('fit').obj(), ['NodeResourcesFit']);
  q.assignedPodAdded(makePod('web').label('app', 'web').node('n1').obj());
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 2, gated: 0 }, 'only spread moved');
  q.assignedPodAdded(makePod('db').label('app', 'db').node('n1').obj());
  assert.deepEqual(q.counts(), { active: 0, backoff: 2, unschedulable: 1, gated: 0 }, 'wants-db moved; fit registered no Pod Add');
  q.close();
});

test('queue assigned pods: a label update can satisfy affinity; a scale-down helps resource rejections', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const term = { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' };
  await rejected(q, makePod('wants-db').podAffinity(term).obj(), ['InterPodAffinity']);
  await rejected(q, makePod('fit').obj(), ['NodeResourcesFit']);
  const before = makePod('x').label('app', 'web').node('n1').req({ cpu: '2' }).obj();
  const relabeled = makePod('x').label('app', 'db').node('n1').req({ cpu: '2' }).obj();
  q.assignedPodUpdated(before, relabeled);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 1, gated: 0 });
  q.assignedPodUpdated(relabeled, makePod('x').label('app', 'db').node('n1').req({ cpu: '1' }).obj());
  assert.deepEqual(q.counts(), { active: 0, backoff: 2, unschedulable: 0, gated: 0 });
  q.close();
});

test('queue nominator: follows status.nominatedNodeName on add, update and delete', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const on = (node: string): string[] => q.nominatedPodsForNode(node).map((p) => p.pod.metadata?.name ?? '');
  const p1 = makePod('p').nominatedNodeName('n1').obj();
  q.add(p1);
  assert.deepEqual(on('n1'), ['p']);
  const p2 = makePod('p').nominatedNodeName('n2').obj();
  q.update(p1, p2);
  assert.deepEqual([on('n1'), on('n2')], [[], ['p']]);
  q.delete(p2);
  assert.deepEqual(on('n2'), []);
});

test('queue nominator: a nomination made in memory survives the failed attempt and updates without a status', async () => {
  const { q } = newTestQueue({ queueingHints: hints });
  const pod = makePod('preemptor').priority(100).obj();
  q.add(pod);
  const p = (await popNow(q))!;
  q.addNominatedPod(p.podInfo, 'n1'); // PostFilter chose n1; the status write is still on its way
  failAttempt(q, p, ['NodeResourcesFit']);
  const relabeled = makePod('preemptor').priority(100).label('a', 'b').obj();
  q.update(pod, relabeled);
  assert.equal(q.nominatedPodsForNode('n1')[0]?.pod, relabeled);
  q.deleteNominatedPodIfExists(relabeled);
  assert.deepEqual(q.nominatedPodsForNode('n1'), []);
  q.addNominatedPod(new PodInfo(relabeled), 'n2');
  q.addNominatedPod(new PodInfo(makePod('bound').node('n2').obj()), 'n2');
  assert.deepEqual(q.nominatedPodsForNode('n2').map((x) => x.pod.metadata?.name), ['preemptor'], 'a bound pod is not nominated');
  q.close();
});
