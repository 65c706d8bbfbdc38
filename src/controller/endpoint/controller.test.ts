import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndpointSubset } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { ENDPOINTS, SERVICES } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { newEndpointsController } from './controller.js';
import { HEADLESS_LABEL, LAST_CHANGE_TRIGGER_TIME, type EndpointsObject } from './sync.js';
import { testPod as pod, testService as svc } from './testing.js';

function setup(objects: KubeObject[]) {
  const client = new FakeClient({ objects });
  const factory = new FakeInformerFactory();
  const queue = new RecordingQueue();
  const ctl = newEndpointsController({ ...testContext(), client, informers: factory, clock: new FakeClock() }, { queue });
  factory.mirror(client);
  return { client, factory, queue, ctl };
}

const ref = (name: string) => ({ kind: 'Pod', namespace: 'ns', name, uid: `uid-${name}` });
const written = (client: FakeClient): EndpointsObject | undefined =>
  client.actions.filter((a) => (a.verb === 'create' || a.verb === 'update') && a.resource === 'endpoints').at(-1)?.object as EndpointsObject | undefined;

const cases: { name: string; objects: KubeObject[]; want: EndpointSubset[] }[] = [
  {
    name: 'ready pods are addresses, unready ones notReadyAddresses, pods without an IP or terminating are left out',
    objects: [
      svc('web'),
      pod('a', { ip: '10.244.0.2', node: 'n1' }),
      pod('b', { ip: '10.244.0.3', ready: false }),
      pod('c', { ip: '' }),
      pod('d', { ip: '10.244.0.9', deleting: true }),
      pod('other', { ip: '10.244.0.5', labels: { app: 'db' } }),
      pod('done', { ip: '10.244.0.6', phase: 'Succeeded', restartPolicy: 'Never' }),
    ],
    want: [
      {
        addresses: [{ ip: '10.244.0.2', nodeName: 'n1', targetRef: ref('a') }],
        notReadyAddresses: [{ ip: '10.244.0.3', targetRef: ref('b') }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  },
  {
    name: 'named target ports resolve per pod; pods that lack the name get no address',
    objects: [
      svc('web', { ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] }),
      pod('a', { ip: '10.244.0.2', ports: { web: 8080 } }),
      pod('b', { ip: '10.244.0.3', ports: { web: 9090 } }),
      pod('c', { ip: '10.244.0.4', ports: { admin: 9000 } }),
    ],
    want: [
      { addresses: [{ ip: '10.244.0.2', targetRef: ref('a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [{ ip: '10.244.0.3', targetRef: ref('b') }], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ],
  },
  {
    name: 'publishNotReadyAddresses publishes unready and terminating pods as ready',
    objects: [svc('web', { publishNotReady: true }), pod('a', { ip: '10.244.0.2', ready: false }), pod('b', { ip: '10.244.0.3', deleting: true })],
    want: [{ addresses: [{ ip: '10.244.0.2', targetRef: ref('a') }, { ip: '10.244.0.3', targetRef: ref('b') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }],
  },
  {
    name: 'a headless service without ports publishes addresses with hostnames for its subdomain',
    objects: [svc('web', { headless: true, ports: [] }), pod('a', { ip: '10.244.0.2', hostname: 'a', subdomain: 'web' }), pod('b', { ip: '10.244.0.3', hostname: 'b', subdomain: 'x' })],
    want: [{ addresses: [{ ip: '10.244.0.2', hostname: 'a', targetRef: ref('a') }, { ip: '10.244.0.3', targetRef: ref('b') }] }],
  },
  { name: 'no matching pods: empty subsets', objects: [svc('web'), pod('x', { labels: { app: 'db' } })], want: [] },
];

for (const c of cases) {
  test(`endpoints controller: ${c.name}`, async () => {
    const h = setup(c.objects);
    await h.ctl.sync('ns/web');
    const ep = written(h.client);
    assert.ok(ep, 'Endpoints written');
    assert.deepEqual(ep.subsets, c.want);
  });
}

test('endpoints controller: labels, headless label and trigger-time annotation; no write when nothing changed', async () => {
  const h = setup([svc('web', { headless: true, labels: { team: 'a' } }), pod('a', { readySince: '2026-01-01T00:05:00Z' })]);
  await h.ctl.sync('ns/web');
  const ep = written(h.client)!;
  assert.deepEqual(ep.metadata?.labels, { team: 'a', [HEADLESS_LABEL]: '' });
  assert.equal(ep.metadata?.annotations?.[LAST_CHANGE_TRIGGER_TIME], '2026-01-01T00:05:00Z');
  h.factory.mirror(h.client);
  h.client.clearActions();
  await h.ctl.sync('ns/web');
  assert.deepEqual(h.client.actions, []);
});

test('endpoints controller: selector-less services keep user-managed Endpoints; ExternalName too', async () => {
  const user: EndpointsObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext', namespace: 'ns' }, subsets: [{ addresses: [{ ip: '192.0.2.1' }] }] };
  const h = setup([svc('ext', { selector: null }), svc('name', { type: 'ExternalName' }), user, pod('a')]);
  await h.ctl.sync('ns/ext');
  await h.ctl.sync('ns/name');
  assert.deepEqual(h.client.actions, []);
});

test('endpoints controller: the Endpoints go with their service', async () => {
  const h = setup([svc('web'), pod('a')]);
  await h.ctl.sync('ns/web');
  h.client.tracker.delete(SERVICES, 'ns', 'web');
  h.factory.mirror(h.client);
  await h.ctl.sync('ns/web');
  assert.equal(h.client.actionsOf('delete', 'endpoints').length, 1);
  assert.equal(h.client.tracker.list(ENDPOINTS, 'ns').length, 0);
});

test('endpoints controller: a pod event queues the services that select it (before or after)', () => {
  const h = setup([svc('web'), svc('db', { selector: { app: 'db' } }), svc('ext', { selector: null }), pod('a')]);
  h.queue.pending.clear();
  const p = structuredClone(h.client.tracker.get({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }, 'ns', 'a'));
  p.metadata!.labels = { app: 'db' };
  h.factory.informerFor({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }).set(p);
  assert.deepEqual([...h.queue.pending].sort(), ['ns/db', 'ns/web']);
});
