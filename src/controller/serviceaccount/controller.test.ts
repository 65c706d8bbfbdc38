import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Namespace } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { SERVICE_ACCOUNTS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newAlreadyExists } from '../../machinery/errors/status.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { newServiceAccountController } from './controller.js';

const ns = (name: string, phase: 'Active' | 'Terminating' = 'Active'): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, ...(phase === 'Terminating' ? { deletionTimestamp: '2026-01-01T00:00:00Z', finalizers: ['hold'] } : {}) },
  status: { phase },
});
const sa = (namespace: string, name = 'default'): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });

function setup(objects: KubeObject[]) {
  const client = new FakeClient({ objects });
  const factory = new FakeInformerFactory();
  const queue = new RecordingQueue();
  const ctl = newServiceAccountController({ ...testContext(), client, informers: factory, clock: new FakeClock() }, { queue });
  factory.mirror(client);
  return { client, factory, queue, ctl };
}

const created = (client: FakeClient): string[] => client.actionsOf('create', 'serviceaccounts').map((a) => `${a.namespace}/${a.object?.metadata?.name}`);

const cases: { name: string; objects: KubeObject[]; key: string; want: string[] }[] = [
  { name: 'an Active namespace without one gets `default`', objects: [ns('a')], key: 'a', want: ['a/default'] },
  { name: 'an existing `default` is left alone', objects: [ns('a'), sa('a')], key: 'a', want: [] },
  { name: 'another account does not count', objects: [ns('a'), sa('a', 'builder')], key: 'a', want: ['a/default'] },
  { name: 'a Terminating namespace gets nothing', objects: [ns('t', 'Terminating')], key: 't', want: [] },
  { name: 'a missing namespace gets nothing', objects: [], key: 'gone', want: [] },
];

for (const c of cases) {
  test(`serviceaccount controller: ${c.name}`, async () => {
    const h = setup(c.objects);
    await h.ctl.sync(c.key);
    assert.deepEqual(created(h.client), c.want);
  });
}

test('serviceaccount controller: a deleted `default` is recreated', async () => {
  const h = setup([ns('a'), sa('a'), sa('a', 'other')]);
  h.queue.pending.clear();
  h.client.tracker.delete(SERVICE_ACCOUNTS, 'a', 'other');
  h.factory.mirror(h.client);
  assert.equal(h.queue.pending.size, 0, 'other accounts going away queue nothing');
  h.client.tracker.delete(SERVICE_ACCOUNTS, 'a', 'default');
  h.factory.mirror(h.client);
  assert.deepEqual([...h.queue.pending], ['a']);
  await h.ctl.sync(h.queue.take()!);
  assert.deepEqual(created(h.client), ['a/default']);
  assert.ok(h.client.tracker.list(SERVICE_ACCOUNTS, 'a').some((o) => o.metadata?.name === 'default'));
});

test('serviceaccount controller: AlreadyExists (a lagging cache) is success', async () => {
  const h = setup([ns('a')]);
  h.client.prependReactor('create', 'serviceaccounts', () => {
    throw newAlreadyExists({ group: '', resource: 'serviceaccounts' }, 'default');
  });
  await h.ctl.sync('a');
  assert.equal(created(h.client).length, 1);
});
