import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActionType, type ClusterEventWithHint } from '../framework/interface.js';
import { makePod } from '../testing/wrappers.js';
import { failAttempt, names, newTestQueue, popNow } from './testing.js';

const nameOf = (p: { podInfo: { pod: { metadata?: { name?: string } } } } | undefined): string | undefined => p?.podInfo.pod.metadata?.name;
const nodeAdd = { resource: 'Node', actionType: ActionType.Add } as const;
/** NodeAffinity registered for nothing that these tests send: its rejections wait for the timeout flush. */
const quietHints = new Map<string, ClusterEventWithHint[]>([['NodeAffinity', [{ event: { resource: 'Node', actionType: ActionType.UpdateNodeLabel } }]]]);

test('queue: activeQ pops by priority, equal priorities first-in first-out', async () => {
  const { q, clock } = newTestQueue();
  q.add(makePod('low').priority(0).obj());
  q.add(makePod('high').priority(10).obj());
  q.add(makePod('mid1').priority(5).obj());
  clock.step(1);
  q.add(makePod('mid2').priority(5).obj());
  q.add(makePod('mid3').priority(5).obj()); // same timestamp as mid2: insertion order decides
  const order: (string | undefined)[] = [];
  for (let p = await popNow(q); p; p = await popNow(q)) order.push(nameOf(p));
  assert.deepEqual(order, ['high', 'mid1', 'mid2', 'mid3', 'low']);
  assert.equal(q.schedulingCycle(), 5);
  q.close();
});

test('queue: pop increments attempts and the cycle, records the first attempt time, clears the last rejecters', async () => {
  const { q, clock } = newTestQueue();
  const t0 = clock.now().getTime();
  q.add(makePod('a').obj());
  const p = (await q.pop())!;
  assert.equal(p.attempts, 1);
  assert.equal(p.initialAttemptTimestamp, t0);
  failAttempt(q, p, []);
  clock.step(1_000);
  const again = (await q.pop())!;
  assert.equal(again.attempts, 2);
  assert.equal(again.initialAttemptTimestamp, t0);
  assert.equal(again.unschedulablePlugins.size, 0);
  assert.equal(q.schedulingCycle(), 2);
  q.close();
});

test('queue: backoff after each failed attempt is 1, 2, 4, 8, 10, 10 s', async () => {
  const { q, clock } = newTestQueue();
  q.add(makePod('a').obj());
  for (const want of [1_000, 2_000, 4_000, 8_000, 10_000, 10_000]) {
    const p = (await popNow(q))!;
    assert.ok(p, `popped before the ${want} ms backoff`);
    failAttempt(q, p, []); // an error: straight to backoffQ
    assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
    clock.step(want - 1);
    assert.equal(q.counts().backoff, 1, `still backing off ${want - 1} ms after attempt ${p.attempts}`);
    clock.step(1);
    assert.equal(q.counts().active, 1, `in activeQ ${want} ms after attempt ${p.attempts}`);
  }
  q.close();
});

test('queue: backoff durations are configurable', async () => {
  const { q, clock } = newTestQueue({ podInitialBackoffMs: 2_000, podMaxBackoffMs: 3_000 });
  q.add(makePod('a').obj());
  for (const want of [2_000, 3_000]) {
    failAttempt(q, (await popNow(q))!, []);
    clock.step(want - 1_000);
    assert.equal(q.counts().backoff, 1);
    clock.step(1_000);
    assert.equal(q.counts().active, 1);
  }
  q.close();
});

test('queue: a pod rejected by plugins leaves the pool without an event only after 5 minutes (checked every 30 s)', async () => {
  const { q, clock } = newTestQueue({ queueingHints: quietHints });
  q.add(makePod('a').obj());
  failAttempt(q, (await popNow(q))!, ['NodeAffinity']);
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 1, gated: 0 });
  q.moveAllToActiveOrBackoffQueue(nodeAdd, undefined, {});
  assert.equal(q.counts().unschedulable, 1, 'NodeAffinity did not register NodeAdd');
  clock.step(300_000);
  assert.equal(q.counts().unschedulable, 1, 'exactly 5 min is not longer than 5 min');
  clock.step(30_000);
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0, gated: 0 });
  q.close();
});

test('queue: the pool timeout is configurable; a timed-out pod still backing off goes to backoffQ', async () => {
  const { q, clock } = newTestQueue({ queueingHints: quietHints, podMaxInUnschedulablePodsDurationMs: 1_000, podInitialBackoffMs: 60_000, podMaxBackoffMs: 60_000 });
  q.add(makePod('a').obj());
  failAttempt(q, (await popNow(q))!, ['NodeAffinity']);
  clock.step(30_000);
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
  clock.step(30_000);
  assert.equal(q.counts().active, 1);
  q.close();
});

test('queue: pop waits for a pod; waiting pops are served in order with different pods', async () => {
  const { q } = newTestQueue();
  const first = q.pop();
  const second = q.pop();
  q.add(makePod('a').obj());
  q.add(makePod('b').obj());
  assert.equal(nameOf(await first), 'a');
  assert.equal(nameOf(await second), 'b');
  q.close();
});

test('queue: close resolves waiting and later pops with undefined and stops the flush timers', async () => {
  const { q, clock } = newTestQueue();
  q.add(makePod('a').obj());
  failAttempt(q, (await q.pop())!, []);
  const waiting = q.pop();
  q.close();
  assert.equal(await waiting, undefined);
  assert.equal(await q.pop(), undefined);
  clock.step(60_000);
  assert.equal(q.counts().backoff, 1, 'no flush after close');
});

test('queue: aborting the signal closes the queue', async () => {
  const ac = new AbortController();
  const { q } = newTestQueue({ signal: ac.signal });
  const waiting = q.pop();
  ac.abort();
  assert.equal(await waiting, undefined);
});

test('queue: dedup by uid: re-adds, in-flight re-adds and failed attempts of queued pods never duplicate', async () => {
  const { q } = newTestQueue();
  const a = makePod('a').obj();
  q.add(a);
  q.add(a);
  q.add(makePod('a').label('x', 'y').obj());
  assert.deepEqual(q.counts(), { active: 1, backoff: 0, unschedulable: 0, gated: 0 });
  assert.equal(q.pendingPods()[0]?.metadata?.labels?.x, 'y', 'the re-add updated the pod');
  const p = (await q.pop())!;
  q.add(a); // e.g. a relist while it is being scheduled
  assert.equal(q.counts().active, 0);
  failAttempt(q, p, []);
  failAttempt(q, p, []); // a second report of the same attempt
  assert.deepEqual(q.counts(), { active: 0, backoff: 1, unschedulable: 0, gated: 0 });
  // Same name, new uid: another pod.
  q.add(makePod('a').uid('uid-2').obj());
  assert.equal(q.counts().active, 1);
  q.close();
});

test('queue: delete removes the pod from whichever queue holds it', async () => {
  const { q } = newTestQueue({ queueingHints: quietHints });
  for (const n of ['a', 'b', 'c']) q.add(makePod(n).obj());
  failAttempt(q, (await q.pop())!, []); // a → backoffQ
  failAttempt(q, (await q.pop())!, ['NodeAffinity']); // b → pool
  assert.deepEqual(names(q), ['a', 'b', 'c']);
  for (const n of ['a', 'b', 'c']) q.delete(makePod(n).obj());
  assert.deepEqual(q.counts(), { active: 0, backoff: 0, unschedulable: 0, gated: 0 });
  assert.deepEqual(q.pendingPods(), []);
  q.close();
});

test('queue: popFromBackoffQ takes a rejected pod early when activeQ is empty, never an errored one', async () => {
  const { q, clock } = newTestQueue({ popFromBackoffQ: true, queueingHints: new Map([['NodeResourcesFit', [{ event: nodeAdd }]]]) });
  q.add(makePod('err').obj());
  q.add(makePod('rej').obj());
  failAttempt(q, (await q.pop())!, []); // err
  const rej = (await q.pop())!;
  failAttempt(q, rej, ['NodeResourcesFit']);
  const waiting = q.pop();
  q.moveAllToActiveOrBackoffQueue(nodeAdd, undefined, {}); // rej → backoffQ, which wakes the waiting pop
  assert.equal(nameOf(await waiting), 'rej');
  assert.equal(q.counts().backoff, 1, 'the errored pod waits its whole backoff');
  const next = q.pop();
  clock.step(1_000);
  assert.equal(nameOf(await next), 'err');
  q.close();
});
