import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClient } from '../../client/fake/index.js';
import { NODES, PODS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeInformerFactory, testContext } from '../../client/fake/index.js';
import { newPodGCController } from './controller.js';
import { missingNodeNames, terminatedOverThreshold, terminatingOnOutOfService, unscheduledTerminating, type NodeObject, type PodObject } from './select.js';

interface PodSpec {
  name: string;
  phase?: string;
  reason?: string;
  created?: number;
  node?: string;
  deleting?: boolean;
}

function pod(s: PodSpec): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'default',
      creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, s.created ?? 0)).toISOString().replace('.000Z', 'Z'),
      ...(s.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['hold'] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'i' }], ...(s.node ? { nodeName: s.node } : {}) },
    status: { phase: s.phase ?? 'Running', ...(s.reason ? { reason: s.reason } : {}) },
  };
}

const node = (name: string, ready = true, outOfService = false): NodeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name },
  spec: outOfService ? { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] } : {},
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const names = (ps: readonly Readonly<PodObject>[]): string[] => ps.map((p) => p.metadata!.name!);

const thresholdCases: { name: string; pods: PodSpec[]; threshold: number; want: string[] }[] = [
  { name: 'under the threshold: none', pods: [{ name: 'a', phase: 'Succeeded' }, { name: 'b', phase: 'Failed' }], threshold: 2, want: [] },
  {
    name: 'over: the oldest, running pods never count',
    pods: [{ name: 'new', phase: 'Succeeded', created: 30 }, { name: 'old', phase: 'Failed', created: 10 }, { name: 'mid', phase: 'Succeeded', created: 20 }, { name: 'run', created: 0 }],
    threshold: 1,
    want: ['old', 'mid'],
  },
  {
    name: 'evicted pods go first, ties by name',
    pods: [{ name: 'b', phase: 'Succeeded', created: 1 }, { name: 'a', phase: 'Succeeded', created: 1 }, { name: 'ev', phase: 'Failed', reason: 'Evicted', created: 9 }],
    threshold: 1,
    want: ['ev', 'a'],
  },
  { name: 'threshold 0 disables', pods: [{ name: 'a', phase: 'Succeeded' }], threshold: 0, want: [] },
];
for (const c of thresholdCases) {
  test(`podgc terminatedOverThreshold: ${c.name}`, () => assert.deepEqual(names(terminatedOverThreshold(c.pods.map(pod), c.threshold)), c.want));
}

test('podgc selection: missing nodes, unscheduled terminating, out-of-service', () => {
  const pods = [pod({ name: 'a', node: 'gone' }), pod({ name: 'b', node: 'here' }), pod({ name: 'c', deleting: true }), pod({ name: 'd', node: 'oos', deleting: true })];
  assert.deepEqual([...missingNodeNames(pods, (n) => n !== 'gone')], ['gone']);
  assert.deepEqual(names(unscheduledTerminating(pods)), ['c']);
  const nodes: Record<string, NodeObject> = { oos: node('oos', false, true), here: node('here', false) };
  assert.deepEqual(names(terminatingOnOutOfService(pods, (n) => nodes[n])), ['d']);
  assert.deepEqual(names(terminatingOnOutOfService(pods, (n) => (n === 'oos' ? node('oos', true, true) : undefined))), [], 'a Ready node keeps its pods');
});

function setup(objects: (PodObject | NodeObject)[], threshold?: number) {
  const clock = new FakeClock(new Date('2026-01-01T00:10:00Z'));
  const client = new FakeClient({ objects, now: () => clock.now() });
  const factory = new FakeInformerFactory();
  const ctl = newPodGCController({ ...testContext(), client, informers: factory, clock }, threshold === undefined ? {} : { terminatedPodGCThreshold: threshold });
  factory.mirror(client);
  const pass = async (): Promise<void> => {
    await ctl.gc();
    factory.mirror(client);
  };
  return { clock, client, factory, ctl, pass, left: () => names(client.tracker.list(PODS, 'default') as PodObject[]) };
}

test('podgc: terminated pods over the threshold are force-deleted, oldest first, without a status patch', async () => {
  const h = setup([pod({ name: 't1', phase: 'Succeeded', created: 1 }), pod({ name: 't2', phase: 'Failed', created: 2 }), pod({ name: 't3', phase: 'Succeeded', created: 3 }), pod({ name: 'run' })], 1);
  await h.pass();
  assert.deepEqual(h.left(), ['run', 't3']);
  assert.deepEqual(h.client.actionsOf('delete', 'pods').map((a) => [a.name, (a.options as { gracePeriodSeconds?: number }).gracePeriodSeconds]), [['t1', 0], ['t2', 0]]);
  assert.equal(h.client.actionsOf('patch').length, 0);
});

test('podgc: pods of a deleted node go after the 40 s quarantine, set Failed with DisruptionTarget first', async () => {
  const h = setup([node('here'), pod({ name: 'orphan', node: 'gone' }), pod({ name: 'kept', node: 'here' }), pod({ name: 'late', node: 'late-node' })]);
  await h.pass();
  h.clock.step(20_000);
  await h.pass();
  assert.deepEqual(h.left(), ['kept', 'late', 'orphan'], 'still quarantined at 20 s');
  h.client.tracker.create(NODES, '', node('late-node')); // the node informer was only lagging
  h.factory.mirror(h.client);
  h.clock.step(20_000);
  await h.pass();
  assert.deepEqual(h.left(), ['kept', 'late']);
  const [patch] = h.client.actionsOf('patch', 'pods');
  assert.equal(patch?.subresource, 'status');
  assert.deepEqual(patch?.patch, {
    status: { phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists', lastTransitionTime: '2026-01-01T00:10:40Z' }] },
  });
  assert.deepEqual(h.client.actionsOf('get', 'nodes').map((a) => a.name), ['gone'], 'only the quarantined node is confirmed by GET');
});

test('podgc: a node missing only from the cache keeps its pods (confirmed by GET)', async () => {
  const h = setup([node('lagging'), pod({ name: 'p', node: 'lagging' })]);
  h.factory.informerFor(NODES).store.delete('lagging'); // the cache lost it, the server did not
  await h.ctl.gc();
  h.clock.step(40_000);
  await h.ctl.gc();
  assert.deepEqual(h.client.actionsOf('get', 'nodes').map((a) => a.name), ['lagging']);
  assert.deepEqual(h.left(), ['p']);
  assert.equal(h.client.actionsOf('delete').length, 0);
});

test('podgc: unscheduled terminating pods are force-deleted', async () => {
  const h = setup([pod({ name: 'stuck', deleting: true }), pod({ name: 'pending' })]);
  await h.pass();
  assert.deepEqual(h.client.actionsOf('delete', 'pods').map((a) => a.name), ['stuck']);
  assert.deepEqual(h.client.actionsOf('patch', 'pods').map((a) => a.patch), [{ status: { phase: 'Failed' } }]);
});

/** Lets pending promise callbacks run (no time passes on any clock); fails after `turns`. */
async function until(cond: () => boolean, turns = 100): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(cond(), 'condition not reached');
}

test('podgc: run collects at once and then every 20 s on the clock, and stops on abort', async () => {
  const h = setup([pod({ name: 'stuck', deleting: true })]);
  const ac = new AbortController();
  const done = h.ctl.run(ac.signal);
  const passes = () => h.client.actionsOf('delete', 'pods').length;
  await until(() => passes() === 1);
  h.clock.step(19_999);
  await new Promise((r) => setImmediate(r));
  assert.equal(passes(), 1, 'no pass before the period');
  h.clock.step(1);
  await until(() => passes() === 2, 100); // the pod still has its finalizer, so it is deleted again
  ac.abort();
  await done;
});
