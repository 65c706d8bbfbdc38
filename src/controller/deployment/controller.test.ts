import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentCondition } from 'kubernetes-types/apps/v1.js';
import { DEPLOYMENTS, PODS, REPLICA_SETS } from '../../client/resources.js';
import { newHarness, newPod, type Harness } from '../replicaset/testing.js';
import { newDeploymentController, type DeploymentController } from './controller.js';
import { computeHash } from './hash.js';
import { newDeployment, ownedReplicaSet, refresh, simulateReplicaSets, sizes, template } from './testing.js';
import { REVISION, REVISION_HISTORY, type DeploymentObject, type ReplicaSetObject } from './types.js';

const KEY = 'default/web';
const storedDeployment = (h: Harness) => h.client.tracker.get(DEPLOYMENTS, 'default', 'web') as DeploymentObject;
const cond = (h: Harness, type: string): DeploymentCondition | undefined => storedDeployment(h).status?.conditions?.find((c) => c.type === type);
const rsByImage = (h: Harness, image: string) =>
  (h.client.tracker.list(REPLICA_SETS, 'default') as ReplicaSetObject[]).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === image);

function setup(d: DeploymentObject, ...rss: ReplicaSetObject[]): { h: Harness; dc: DeploymentController } {
  const h = newHarness();
  const dc = newDeploymentController(h.ctx);
  h.seed(DEPLOYMENTS, d);
  if (rss.length) h.seed(REPLICA_SETS, ...rss);
  return { h, dc };
}

test('hash: safe alphabet, independent of key order, changed by collisionCount', () => {
  const a = computeHash({ metadata: { labels: { a: '1', b: '2' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
  const b = computeHash({ spec: { containers: [{ image: 'x', name: 'c' }] }, metadata: { labels: { b: '2', a: '1' } } });
  assert.match(a, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  assert.equal(a, b);
  assert.notEqual(computeHash(template('x'), 1), computeHash(template('x')));
  assert.notEqual(computeHash(template('y')), computeHash(template('x')));
});

test('a new deployment gets a replica set named by its template hash, revision 1 and the conditions', async () => {
  const { h, dc } = setup(newDeployment(10));
  await dc.sync(KEY);
  const hash = computeHash(template('nginx:2'));
  const create = h.client.actionsOf('create', 'replicasets')[0]!.object as ReplicaSetObject;
  assert.equal(create.metadata?.name, `web-${hash}`);
  assert.equal(create.spec?.replicas, 10);
  assert.equal(create.metadata?.labels?.['pod-template-hash'], hash);
  assert.equal(create.spec?.template?.metadata?.labels?.['pod-template-hash'], hash);
  assert.deepEqual(create.spec?.selector?.matchLabels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(create.metadata?.annotations, {
    [REVISION]: '1',
    'deployment.kubernetes.io/desired-replicas': '10',
    'deployment.kubernetes.io/max-replicas': '13',
  });
  assert.equal(create.metadata?.ownerReferences?.[0]?.uid, 'uid-deploy');
  assert.deepEqual(h.recorder.events, [`Normal ScalingReplicaSet Scaled up replica set web-${hash} to 10`]);
  const d = storedDeployment(h);
  assert.equal(d.metadata?.annotations?.[REVISION], '1');
  assert.equal(cond(h, 'Progressing')?.reason, 'NewReplicaSetCreated');
  assert.equal(cond(h, 'Progressing')?.message, `Created new replica set "web-${hash}"`);
  assert.equal(cond(h, 'Available')?.reason, 'MinimumReplicasUnavailable');
  assert.equal(d.status?.observedGeneration, 1);
});

const rollingCases = [
  { name: '25%/25% (surge 3, unavailable 2)', surge: '25%', unavail: '25%', max: 13, minAvail: 8, steps: [[3, 8], [5, 8], [5, 3], [10, 3], [10, 0]] },
  { name: 'surge 3, unavailable 0', surge: 3, unavail: 0, max: 13, minAvail: 10, steps: [[3, 10], [3, 7], [6, 7], [6, 4], [9, 4], [9, 1], [10, 1], [10, 0]] },
  { name: 'both 0 → unavailable 1', surge: 0, unavail: 0, max: 10, minAvail: 9, steps: [[0, 9], [1, 9], [1, 8], [2, 8], [2, 7], [3, 7], [3, 6], [4, 6], [4, 5], [5, 5], [5, 4], [6, 4], [6, 3], [7, 3], [7, 2], [8, 2], [8, 1], [9, 1], [9, 0], [10, 0]] },
];

for (const c of rollingCases) {
  test(`rolling update of 10 replicas respects maxSurge/maxUnavailable: ${c.name}`, async () => {
    const d = newDeployment(10, 'nginx:2', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.surge, maxUnavailable: c.unavail } } });
    const { h, dc } = setup(d, ownedReplicaSet(d, 'nginx:1', 10, 1));
    const seen: number[][] = [];
    for (let i = 0; i < 30; i++) {
      await dc.sync(KEY);
      const s = sizes(h);
      const step = [s['nginx:2'] ?? 0, s['nginx:1'] ?? 0];
      // Invariants before the pods of this step exist: pods ≤ replicas + surge, available ≥ replicas − unavailable.
      assert.ok(step[0]! + step[1]! <= c.max, `step ${i}: ${step} over ${c.max}`);
      const avail = (h.client.tracker.list(REPLICA_SETS, 'default') as ReplicaSetObject[]).reduce((n, rs) => n + Math.min(rs.status?.availableReplicas ?? 0, rs.spec?.replicas ?? 0), 0);
      assert.ok(avail >= c.minAvail, `step ${i}: ${avail} available`);
      if (JSON.stringify(seen.at(-1)) !== JSON.stringify(step)) seen.push(step);
      simulateReplicaSets(h);
    }
    assert.deepEqual(seen, c.steps);
    assert.equal(cond(h, 'Progressing')?.reason, 'NewReplicaSetAvailable');
    assert.equal(cond(h, 'Available')?.reason, 'MinimumReplicasAvailable');
    const st = storedDeployment(h).status!;
    assert.deepEqual([st.replicas, st.updatedReplicas, st.availableReplicas, st.unavailableReplicas], [10, 10, 10, 0]);
    assert.equal(storedDeployment(h).metadata?.annotations?.[REVISION], '2');
  });
}

test('Recreate scales old sets to 0, waits for old pods to go, then creates the new set at full size', async () => {
  const d = newDeployment(3, 'nginx:2', { strategy: { type: 'Recreate' } });
  const old = ownedReplicaSet(d, 'nginx:1', 3, 1);
  const { h, dc } = setup(d, old);
  h.seed(PODS, ...['a', 'b', 'c'].map((n) => newPod(n, { owner: old })));
  await dc.sync(KEY);
  assert.deepEqual(sizes(h), { 'nginx:1': 0 });
  simulateReplicaSets(h); // the set reports 0, but its pods are still terminating in the cache
  await dc.sync(KEY);
  assert.deepEqual(sizes(h), { 'nginx:1': 0 });
  for (const n of ['a', 'b', 'c']) h.client.tracker.delete(PODS, 'default', n);
  refresh(h);
  await dc.sync(KEY);
  assert.deepEqual(sizes(h), { 'nginx:1': 0, 'nginx:2': 3 });
  assert.deepEqual(h.recorder.events.map((e) => e.replace(/web-\w+/, 'RS')), [
    'Normal ScalingReplicaSet Scaled down replica set RS to 0 from 3',
    'Normal ScalingReplicaSet Scaled up replica set RS to 3',
  ]);
});

const proportionalCases = [
  // 8·25/13 = 15.4 → 15, 5·25/13 = 9.6 → 10: 12 added.
  { name: 'two sets, 10 → 20', replicas: 20, sets: { 'nginx:1': 8, 'nginx:2': 5 }, want: { 'nginx:1': 15, 'nginx:2': 10 } },
  // 5·14/13 = 5.4 → 5, 4·14/13 = 4.3 → 4 (twice): the 1 left over goes to the largest set.
  { name: 'rounding leftover to the largest, 10 → 11', replicas: 11, sets: { 'nginx:0': 5, 'nginx:1': 4, 'nginx:2': 4 }, want: { 'nginx:0': 6, 'nginx:1': 4, 'nginx:2': 4 } },
  // 8·7/13 = 4.3 → 4, 5·7/13 = 2.7 → 3: 6 removed, larger (then older) first.
  { name: 'scale down, 10 → 5', replicas: 5, sets: { 'nginx:1': 8, 'nginx:2': 5 }, want: { 'nginx:1': 4, 'nginx:2': 3 } },
];

for (const c of proportionalCases) {
  test(`resizing mid-rollout scales the sets proportionally: ${c.name}`, async () => {
    const d = newDeployment(c.replicas, 'nginx:2');
    const rss = Object.entries(c.sets).map(([image, n], i) => {
      const rs = ownedReplicaSet(d, image, n, i + 1, `2025-12-0${i + 1}T00:00:00Z`, 10, 13);
      if (image === 'nginx:2') (rs as { status?: unknown }).status = { replicas: n, availableReplicas: 0, readyReplicas: 0, observedGeneration: 1 };
      return rs;
    });
    const { h, dc } = setup(d, ...rss);
    await dc.sync(KEY);
    assert.deepEqual(sizes(h), c.want);
    const max = String(c.replicas + Math.ceil(c.replicas / 4));
    for (const image of Object.keys(c.sets)) {
      assert.equal(rsByImage(h, image)?.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas'], String(c.replicas));
      assert.equal(rsByImage(h, image)?.metadata?.annotations?.['deployment.kubernetes.io/max-replicas'], max);
    }
    const changed = Object.keys(c.sets).filter((k) => c.sets[k as keyof typeof c.sets] !== c.want[k as keyof typeof c.want]);
    assert.deepEqual(
      h.recorder.events.map((e) => e.replace(/web-\w+/, 'RS')).sort(),
      changed.map((k) => {
        const from = c.sets[k as keyof typeof c.sets]!;
        const to = c.want[k as keyof typeof c.want]!;
        return `Normal ScalingReplicaSet Scaled ${to > from ? 'up' : 'down'} replica set RS to ${to} from ${from}`;
      }).sort(),
    );
  });
}

test('rollback to an old template reuses the old replica set and bumps its revision', async () => {
  const d = newDeployment(3, 'nginx:1'); // `kubectl rollout undo` patched the template back to nginx:1
  const v1 = ownedReplicaSet(d, 'nginx:1', 0, 1, '2025-12-01T00:00:00Z');
  const v2 = ownedReplicaSet(d, 'nginx:2', 3, 2, '2025-12-02T00:00:00Z');
  const { h, dc } = setup(d, v1, v2);
  for (let i = 0; i < 8; i++) {
    await dc.sync(KEY);
    simulateReplicaSets(h);
  }
  assert.equal(h.client.actionsOf('create', 'replicasets').length, 0);
  const reused = rsByImage(h, 'nginx:1')!;
  assert.equal(reused.metadata?.annotations?.[REVISION], '3');
  assert.equal(reused.metadata?.annotations?.[REVISION_HISTORY], '1');
  assert.deepEqual(sizes(h), { 'nginx:1': 3, 'nginx:2': 0 });
  assert.equal(storedDeployment(h).metadata?.annotations?.[REVISION], '3');
});

test('revisionHistoryLimit deletes the oldest old sets scaled to 0', async () => {
  const d = newDeployment(2, 'nginx:9', { revisionHistoryLimit: 2 });
  const olds = [1, 2, 3, 4].map((r) => ownedReplicaSet(d, `nginx:${r}`, 0, r, `2025-12-0${r}T00:00:00Z`));
  const busy = ownedReplicaSet(d, 'nginx:0', 0, 0, '2025-11-01T00:00:00Z');
  (busy as { status?: unknown }).status = { replicas: 1, observedGeneration: 1 }; // pods still terminating: kept
  const cur = ownedReplicaSet(d, 'nginx:9', 2, 5, '2025-12-09T00:00:00Z');
  const complete = { ...d, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 2 } } as DeploymentObject;
  const { h, dc } = setup(complete, busy, ...olds, cur);
  await dc.sync(KEY);
  assert.deepEqual(h.client.actionsOf('delete', 'replicasets').map((a) => a.name).sort(), [olds[0]!, olds[1]!].map((r) => r.metadata!.name!).sort());
});

test('paused: no rollout of a new template, but scaling still happens', async () => {
  const d = newDeployment(5, 'nginx:2', { paused: true });
  const { h, dc } = setup(d, ownedReplicaSet(d, 'nginx:1', 3, 1, undefined, 3, 4));
  await dc.sync(KEY);
  assert.equal(h.client.actionsOf('create', 'replicasets').length, 0);
  assert.deepEqual(sizes(h), { 'nginx:1': 5 });
  assert.equal(cond(h, 'Progressing')?.reason, 'DeploymentPaused');
  assert.equal(cond(h, 'Progressing')?.status, 'Unknown');
});

test('Progressing turns ProgressDeadlineExceeded after progressDeadlineSeconds without progress (FakeClock)', async () => {
  const { h, dc } = setup(newDeployment(2, 'nginx:2', { progressDeadlineSeconds: 60 }));
  const never = () => true;
  await dc.sync(KEY);
  simulateReplicaSets(h, never);
  await dc.sync(KEY); // pods exist (not available): progress, the deadline counts from now
  simulateReplicaSets(h, never);
  await dc.sync(KEY); // no change: requeued for the deadline
  assert.equal(cond(h, 'Progressing')?.reason, 'ReplicaSetUpdated');
  while (dc.queue.len() > 0) dc.queue.done((await dc.queue.get())!);
  h.clock.step(59_000);
  assert.equal(dc.queue.len(), 0);
  h.clock.step(2_000);
  assert.equal(dc.queue.len(), 1);
  await dc.sync(KEY);
  const c = cond(h, 'Progressing')!;
  assert.deepEqual([c.status, c.reason], ['False', 'ProgressDeadlineExceeded']);
  assert.match(c.message!, /^ReplicaSet "web-\w+" has timed out progressing\.$/);
});

test('an empty selector is refused with SelectingAll', async () => {
  const { h, dc } = setup(newDeployment(1, 'nginx:2', { selector: {} }));
  await dc.sync(KEY);
  assert.equal(h.client.actionsOf('create', 'replicasets').length, 0);
  assert.deepEqual(h.recorder.events, ['Warning SelectingAll This deployment is selecting all pods. A non-empty selector is required.']);
});
