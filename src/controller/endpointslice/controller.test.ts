import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Endpoint } from 'kubernetes-types/discovery/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { ENDPOINT_SLICES, PODS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { testPod as pod, testService as svc } from '../endpoint/testing.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { newEndpointSliceController } from './controller.js';
import { CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, type EndpointSliceObject } from './sync.js';

function setup(objects: KubeObject[]) {
  const client = new FakeClient({ objects });
  const factory = new FakeInformerFactory();
  const queue = new RecordingQueue();
  const ctl = newEndpointSliceController({ ...testContext(), client, informers: factory, clock: new FakeClock() }, { queue });
  factory.mirror(client);
  /** Syncs, then shows the controller what it wrote. */
  const sync = async (): Promise<void> => {
    await ctl.sync('ns/web');
    factory.mirror(client);
  };
  const slices = (): EndpointSliceObject[] => client.tracker.list(ENDPOINT_SLICES, 'ns') as EndpointSliceObject[];
  return { client, factory, queue, ctl, sync, slices };
}

const pods = (n: number): KubeObject[] => Array.from({ length: n }, (_, i) => pod(`p${String(i).padStart(3, '0')}`, { ip: `10.244.${Math.floor(i / 250)}.${(i % 250) + 1}` }));
const conditions = (es: Endpoint[]) => Object.fromEntries(es.map((e) => [e.targetRef?.name, e.conditions]));

test('endpointslice controller: one slice with labels, controllerRef, generateName, ports and conditions', async () => {
  const h = setup([
    svc('web', { labels: { team: 'a' } }),
    pod('ready', { ip: '10.244.0.2', node: 'n1' }),
    pod('unready', { ip: '10.244.0.3', ready: false }),
    pod('leaving', { ip: '10.244.0.4', deleting: true }),
    pod('noip', { ip: '' }),
  ]);
  await h.sync();
  const [s, ...rest] = h.slices();
  assert.equal(rest.length, 0);
  assert.ok(s);
  assert.match(s.metadata!.name!, /^web-[0-9a-z]{5}$/);
  assert.deepEqual(s.metadata?.labels, { team: 'a', [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME });
  assert.deepEqual(s.metadata?.ownerReferences, [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'uid-svc-web', controller: true, blockOwnerDeletion: true }]);
  assert.equal(s.addressType, 'IPv4');
  assert.deepEqual(s.ports, [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  assert.deepEqual(conditions(s.endpoints), {
    ready: { ready: true, serving: true, terminating: false },
    unready: { ready: false, serving: false, terminating: false },
    leaving: { ready: false, serving: true, terminating: true },
  });
  const e = s.endpoints.find((x) => x.targetRef?.name === 'ready')!;
  assert.deepEqual(e, { addresses: ['10.244.0.2'], conditions: e.conditions, targetRef: { kind: 'Pod', namespace: 'ns', name: 'ready', uid: 'uid-ready' }, nodeName: 'n1' });
  h.client.clearActions();
  await h.sync();
  assert.deepEqual(h.client.actions.filter((a) => a.verb !== 'list' && a.verb !== 'get'), [], 'a second sync writes nothing');
});

const cases: { name: string; objects: KubeObject[]; want: { endpoints: number; ports: number[] }[] }[] = [
  { name: '250 endpoints make slices of at most 100', objects: [svc('web'), ...pods(250)], want: [100, 100, 50].map((n) => ({ endpoints: n, ports: [8080] })) },
  {
    name: 'named ports resolving differently give one slice per port set',
    objects: [
      svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pod('a', { ip: '10.244.0.2', ports: { web: 8080 } }),
      pod('b', { ip: '10.244.0.3', ports: { web: 9090 } }),
    ],
    want: [{ endpoints: 1, ports: [8080] }, { endpoints: 1, ports: [9090] }],
  },
  { name: 'no endpoints: one empty placeholder slice', objects: [svc('web')], want: [{ endpoints: 0, ports: [] }] },
  { name: 'a selector-less service gets no slices', objects: [svc('web', { selector: null }), pod('a')], want: [] },
];

for (const c of cases) {
  test(`endpointslice controller: ${c.name}`, async () => {
    const h = setup(c.objects);
    await h.sync();
    const got = h.slices().map((s) => ({ endpoints: s.endpoints.length, ports: (s.ports ?? []).map((p) => p.port!) }));
    got.sort((a, b) => b.endpoints - a.endpoints || (a.ports[0] ?? 0) - (b.ports[0] ?? 0));
    assert.deepEqual(got, c.want);
  });
}

test('endpointslice controller: changes touch only the slice that holds the pod; emptied slices go', async () => {
  const h = setup([svc('web'), ...pods(150)]);
  await h.sync();
  assert.equal(h.slices().length, 2);
  h.client.clearActions();
  // p000 becomes unready: one update, no create or delete.
  const p = structuredClone(h.client.tracker.get(PODS, 'ns', 'p000') as Pod);
  (p.status as { conditions: { status: string }[] }).conditions[0]!.status = 'False';
  h.client.tracker.update(PODS, 'ns', p, 'status');
  h.factory.mirror(h.client);
  await h.sync();
  assert.deepEqual(h.client.actions.filter((a) => a.verb !== 'list' && a.verb !== 'get').map((a) => a.verb), ['update']);
  // All pods go: both slices become one placeholder.
  for (const o of h.client.tracker.list(PODS, 'ns')) h.client.tracker.delete(PODS, 'ns', o.metadata!.name!);
  h.factory.mirror(h.client);
  await h.sync();
  assert.deepEqual(h.slices().map((s) => s.endpoints.length), [0]);
});

test('endpointslice controller: a pod event queues its services; a managed slice deleted by hand queues its service', () => {
  const h = setup([svc('web'), pod('a')]);
  h.queue.pending.clear();
  const foreign: EndpointSliceObject = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'x', namespace: 'ns', labels: { [LABEL_SERVICE_NAME]: 'other' } }, addressType: 'IPv4', endpoints: [] };
  const ours: EndpointSliceObject = { ...foreign, metadata: { name: 'web-abcde', namespace: 'ns', labels: { [LABEL_SERVICE_NAME]: 'web', [LABEL_MANAGED_BY]: CONTROLLER_NAME } } };
  const slices = h.factory.informerFor(ENDPOINT_SLICES);
  slices.set(foreign);
  slices.remove(foreign);
  assert.equal(h.queue.pending.size, 0, 'slices managed by others are not ours');
  slices.set(ours);
  slices.remove(ours);
  assert.deepEqual([...h.queue.pending], ['ns/web']);
});

test('endpointslice controller: a sync on a cache behind its own writes fails as stale instead of creating a duplicate', async () => {
  const h = setup([svc('web'), pod('a', { ip: '10.244.0.2' })]);
  await h.ctl.sync('ns/web'); // creates the slice; the informer has not seen it yet
  assert.equal(h.slices().length, 1);
  await assert.rejects(h.ctl.sync('ns/web'), { name: 'StaleInformerCacheError', message: 'EndpointSlice informer cache is out of date' });
  assert.equal(h.slices().length, 1, 'no duplicate');
  h.factory.mirror(h.client);
  h.client.clearActions();
  await h.ctl.sync('ns/web');
  assert.deepEqual(h.client.actions.filter((a) => a.verb !== 'list' && a.verb !== 'get'), [], 'caught up: nothing to write');
});
