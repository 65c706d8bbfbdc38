import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PODS } from '../../client/resources.js';
import { lease, node, NodeCluster, pod, T0 } from './testing.js';
import { nodeCondition, type PodObject } from './types.js';

const tol = (key: string, s?: number) => ({ key, operator: 'Exists' as const, effect: 'NoExecute' as const, ...(s === undefined ? {} : { tolerationSeconds: s }) });
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
/** What the API server's defaulting adds, with the unreachable one shortened by the pod itself. */
const shortened = (s: number) => [tol(NOT_READY, 300), tol(UNREACHABLE, s)];

function cluster(): NodeCluster {
  return new NodeCluster([
    node('sick', 'True'),
    lease('sick', T0),
    node('healthy', 'True'),
    lease('healthy', T0),
    pod('untolerating', 'sick'),
    pod('short', 'sick', shortened(30)),
    pod('default', 'sick', shortened(300)),
    pod('forever', 'sick', [tol(UNREACHABLE)]),
    pod('elsewhere', 'healthy'),
  ]);
}

/** Both nodes renew every 10 s until `sickStopsAt`; then only `healthy` does. Monitor passes every 5 s. */
async function runUntil(c: NodeCluster, seconds: number, sickStopsAt: number): Promise<void> {
  for (let t = 5; t <= seconds; t += 5) {
    c.clock.step(5_000);
    if (t % 10 === 0) {
      c.renew('healthy');
      if (t <= sickStopsAt) c.renew('sick');
    }
    await c.monitor();
  }
}

const podNames = (c: NodeCluster): string[] => c.client.tracker.list(PODS, 'default').map((p) => p.metadata!.name!);
const ready = (c: NodeCluster, name: string): string | undefined =>
  (c.client.tracker.get(PODS, 'default', name) as PodObject).status?.conditions?.find((x) => x.type === 'Ready')?.status;
const taintIds = (c: NodeCluster, name: string): string[] => (c.node(name).spec?.taints ?? []).map((t) => `${t.key}:${t.effect}@${t.timeAdded}`);

test('nodelifecycle: a node whose lease stops renewing goes Unknown after the grace period and is tainted', async () => {
  const c = cluster();
  await c.monitor();
  await runUntil(c, 60, 10); // last renewal at 10 s: still healthy at 60 s (10 + 50 is not past the grace period)
  assert.equal(nodeCondition(c.node('sick'), 'Ready')?.status, 'True');
  assert.deepEqual(taintIds(c, 'sick'), []);
  await runUntil(c, 5, 0); // 65 s
  const readyCond = nodeCondition(c.node('sick'), 'Ready');
  assert.deepEqual([readyCond?.status, readyCond?.reason, readyCond?.message], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
  assert.deepEqual(['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => nodeCondition(c.node('sick'), t)?.status), ['Unknown', 'Unknown', 'Unknown']);
  assert.deepEqual(taintIds(c, 'sick'), [`${UNREACHABLE}:NoSchedule@2026-01-01T00:01:05Z`, `${UNREACHABLE}:NoExecute@2026-01-01T00:01:05Z`]);
  assert.equal(nodeCondition(c.node('healthy'), 'Ready')?.status, 'True');
  assert.deepEqual(taintIds(c, 'healthy'), []);
  assert.equal(c.client.actionsOf('update', 'nodes').filter((a) => a.subresource === 'status').length, 1, 'status written once');
  assert.ok(c.recorder.events.includes('Normal NodeNotReady Node sick status is now: NodeNotReady'));
});

test('nodelifecycle: pods on the unreachable node are marked not Ready, the healthy node’s are not', async () => {
  const c = cluster();
  await c.monitor();
  await runUntil(c, 65, 10);
  assert.deepEqual(['untolerating', 'short', 'default', 'forever', 'elsewhere'].map((n) => ready(c, n)), ['False', 'False', 'False', 'False', 'True']);
  assert.equal(c.recorder.events.filter((e) => e === 'Warning NodeNotReady Node is not ready').length, 4);
});

test('nodelifecycle: taint-based eviction follows the pods’ tolerations, and recovery removes the taints', async () => {
  const c = cluster();
  await c.monitor();
  await runUntil(c, 65, 10);
  const sync = async (name: string) => c.ctl.taintManager.sync(`default/${name}`);
  const verdicts = [await sync('untolerating'), await sync('short'), await sync('default'), await sync('forever'), await sync('elsewhere')];
  assert.deepEqual(verdicts, [undefined, { requeueAfter: 30_000 }, { requeueAfter: 300_000 }, undefined, undefined]);
  assert.deepEqual(podNames(c), ['default', 'elsewhere', 'forever', 'short'], 'the pod tolerating nothing goes at once');
  assert.ok(c.recorder.events.includes('Normal TaintManagerEviction Marking for deletion Pod default/untolerating'));
  c.clock.step(29_999);
  c.factory.mirror(c.client);
  assert.deepEqual(await sync('short'), { requeueAfter: 1 });
  c.clock.step(1);
  assert.equal(await sync('short'), undefined);
  assert.deepEqual(podNames(c), ['default', 'elsewhere', 'forever']);
  // The kubelet comes back: lease and Ready again.
  c.renew('sick');
  c.postReady('sick', 'True');
  await c.after(5_000);
  assert.deepEqual(taintIds(c, 'sick'), []);
  c.factory.mirror(c.client);
  assert.equal(await sync('default'), undefined);
  assert.deepEqual(podNames(c), ['default', 'elsewhere', 'forever'], 'nothing more is evicted after recovery');
  assert.ok(c.recorder.events.includes('Normal TaintManagerEviction Cancelling deletion of Pod default/default'));
});

test('nodelifecycle: a kubelet reporting Ready=False gets the not-ready taints without waiting for the grace period', async () => {
  const c = cluster();
  await c.monitor();
  c.postReady('sick', 'False');
  await c.ctl.syncNode('sick');
  assert.deepEqual(taintIds(c, 'sick'), [`${NOT_READY}:NoSchedule@2026-01-01T00:00:00Z`, `${NOT_READY}:NoExecute@2026-01-01T00:00:00Z`]);
  assert.equal(c.client.actionsOf('update', 'nodes').filter((a) => a.subresource === 'status').length, 0, 'the kubelet’s status is not overwritten');
});

test('nodelifecycle: node events and pod events feed the queues', async () => {
  const c = cluster();
  const nodeQueue = c.ctl.nodeQueue as unknown as { added: string[] };
  const podQueue = c.ctl.podQueue as unknown as { added: string[] };
  assert.deepEqual(nodeQueue.added.sort(), ['healthy', 'sick']);
  await runUntil(c, 65, 10);
  assert.deepEqual([...new Set(podQueue.added)].sort(), ['default/default', 'default/forever', 'default/short', 'default/untolerating']);
});
