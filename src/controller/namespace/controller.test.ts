import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NamespaceCondition, Pod } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { CONFIG_MAPS, NAMESPACES, PODS, SECRETS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { FINALIZER_KUBERNETES, newNamespaceController, type NamespaceObject } from './controller.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const HOLD = 'test.k8ts.io/spec-finalizers';

const ns = (name: string, deleting: boolean): NamespaceObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  // The fake removes a deleted object whose metadata.finalizers are empty; HOLD stands for the spec finalizers.
  metadata: { name, uid: `uid-${name}`, finalizers: [HOLD], ...(deleting ? { deletionTimestamp: NOW.toISOString() } : {}) },
  spec: { finalizers: [FINALIZER_KUBERNETES] },
  status: { phase: deleting ? 'Terminating' : 'Active' },
});

const pod = (name: string, extra: { finalizers?: string[]; grace?: number } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'doomed', ...(extra.finalizers ? { finalizers: extra.finalizers } : {}) },
  spec: { containers: [{ name: 'c', image: 'x' }], terminationGracePeriodSeconds: extra.grace ?? 30 },
});

const cm = (name: string, namespace = 'doomed'): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace } });

/** The API server's finalize subresource: sets spec.finalizers; a deleted namespace without any goes. */
function withFinalize(client: FakeClient): void {
  client.prependReactor('update', 'namespaces/finalize', (a) => {
    const cur = structuredClone(client.tracker.get(NAMESPACES, '', a.name ?? '') as NamespaceObject);
    const finalizers = (a.object as NamespaceObject | undefined)?.spec?.finalizers ?? [];
    cur.spec = { ...cur.spec, finalizers };
    if (finalizers.length === 0) cur.metadata!.finalizers = [];
    return { result: client.tracker.update(NAMESPACES, '', cur) };
  });
}

function setup(objects: KubeObject[]) {
  const clock = new FakeClock(NOW);
  const client = new FakeClient({ objects, now: () => clock.now() });
  withFinalize(client);
  const factory = new FakeInformerFactory();
  const queue = new RecordingQueue();
  const ctl = newNamespaceController(
    { ...testContext(), client, informers: factory, clock },
    { queue, resources: [PODS, CONFIG_MAPS, SECRETS] },
  );
  factory.mirror(client);
  return { client, factory, queue, ctl, clock };
}

const conditionsOf = (client: FakeClient, name: string): NamespaceCondition[] => {
  const updates = client.actions.filter((a) => a.verb === 'update' && a.subresource === 'status' && a.name === name);
  return ((updates.at(-1)?.object as NamespaceObject | undefined)?.status?.conditions ?? []) as NamespaceCondition[];
};
const condition = (cs: NamespaceCondition[], type: string) => cs.find((c) => c.type === type);

const cases = [
  {
    name: 'a terminating namespace is emptied, its conditions say so, then it is finalized',
    objects: [ns('doomed', true), pod('a'), cm('c1'), cm('kept', 'other'), ns('other', false)],
    async check(h: ReturnType<typeof setup>) {
      assert.equal(await h.ctl.sync('doomed'), undefined);
      assert.deepEqual(h.client.actionsOf('deletecollection').map((a) => `${a.resource} ${a.namespace}`), ['pods doomed', 'configmaps doomed', 'secrets doomed']);
      const cs = conditionsOf(h.client, 'doomed');
      assert.equal(cs.length, 5);
      assert.deepEqual(condition(cs, 'NamespaceContentRemaining'), {
        type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed', lastTransitionTime: '2026-01-01T00:00:00Z',
      });
      assert.equal(condition(cs, 'NamespaceDeletionContentFailure')?.reason, 'ContentDeleted');
      const fin = h.client.actions.find((a) => a.subresource === 'finalize')!;
      assert.deepEqual((fin.object as NamespaceObject).spec?.finalizers, []);
      assert.deepEqual(h.client.tracker.list(NAMESPACES, '').map((n) => n.metadata?.name), ['other']);
      assert.equal(h.client.tracker.list(CONFIG_MAPS, 'other').length, 1, 'other namespaces are untouched');
    },
  },
  {
    name: 'content held by a finalizer: conditions report it, no finalize, requeue after estimate/2+1 s',
    objects: [ns('doomed', true), pod('stuck', { finalizers: ['example.com/hold'], grace: 30 }), cm('c1')],
    async check(h: ReturnType<typeof setup>) {
      assert.deepEqual(await h.ctl.sync('doomed'), { requeueAfter: 16_000 });
      assert.equal(h.client.actions.filter((a) => a.subresource === 'finalize').length, 0);
      const cs = conditionsOf(h.client, 'doomed');
      assert.deepEqual(
        [condition(cs, 'NamespaceContentRemaining'), condition(cs, 'NamespaceFinalizersRemaining')].map((c) => [c?.status, c?.reason, c?.message]),
        [
          ['True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 1 resource instances'],
          ['True', 'SomeFinalizersRemain', 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances'],
        ],
      );
      // The finalizer goes; the next pass finalizes and flips the conditions back to False.
      const p = structuredClone(h.client.tracker.get(PODS, 'doomed', 'stuck'));
      p.metadata!.finalizers = [];
      h.client.tracker.update(PODS, 'doomed', p);
      h.clock.step(16_000);
      assert.equal(await h.ctl.sync('doomed'), undefined);
      assert.equal(condition(conditionsOf(h.client, 'doomed'), 'NamespaceContentRemaining')?.status, 'False');
      assert.equal(condition(conditionsOf(h.client, 'doomed'), 'NamespaceContentRemaining')?.lastTransitionTime, '2026-01-01T00:00:16Z');
      assert.equal(h.client.tracker.list(NAMESPACES, '').length, 0);
    },
  },
  {
    name: 'a failing delete is reported in NamespaceDeletionContentFailure and retried',
    objects: [ns('doomed', true), cm('c1')],
    async check(h: ReturnType<typeof setup>) {
      h.client.prependReactor('deletecollection', 'secrets', () => {
        throw new Error('boom');
      });
      await assert.rejects(h.ctl.sync('doomed'), /boom/);
      const c = condition(conditionsOf(h.client, 'doomed'), 'NamespaceDeletionContentFailure');
      assert.deepEqual([c?.status, c?.reason, c?.message], ['True', 'ContentDeletionFailed', 'Failed to delete all resource types, 1 remaining: secrets.: boom']);
      assert.equal(h.client.actions.filter((a) => a.subresource === 'finalize').length, 0);
    },
  },
  {
    name: 'an active namespace is left alone',
    objects: [ns('live', false), cm('c1', 'live')],
    async check(h: ReturnType<typeof setup>) {
      assert.equal(h.queue.delayed.length, 0, 'handlers only queue terminating namespaces');
      await h.ctl.sync('live');
      assert.deepEqual(h.client.actions, []);
    },
  },
];

for (const c of cases) {
  test(`namespace controller: ${c.name}`, async () => {
    const h = setup(c.objects);
    await c.check(h);
  });
}

test('namespace controller: a namespace event is queued after the deletion grace period', () => {
  const h = setup([ns('doomed', true)]);
  assert.deepEqual(h.queue.delayed, [{ key: 'doomed', ms: 5000 }]);
});
