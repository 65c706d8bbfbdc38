import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container } from 'kubernetes-types/core/v1.js';
import { FakeClient } from '../../client/fake/index.js';
import type { KubeObject } from '../../client/interface.js';
import { PODS, RESOURCE_QUOTAS } from '../../client/resources.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeInformerFactory, RecordingQueue, testContext } from '../../client/fake/index.js';
import { newResourceQuotaController } from './controller.js';
import type { PodObject, PvcObject, QuotaObject, ServiceObject } from './types.js';

const NS = 'team';
const meta = (name: string) => ({ name, namespace: NS });

function quota(hard: Record<string, string>, scopes: string[] = [], name = 'q'): QuotaObject {
  return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name), spec: { hard, ...(scopes.length ? { scopes } : {}) } };
}

const ctr = (requests?: Record<string, string>, limits?: Record<string, string>): Container => ({
  name: 'c',
  image: 'i',
  resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) },
});

function pod(name: string, containers: Container[], extra: { phase?: string; deadline?: number; init?: Container[] } = {}): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name),
    spec: { containers, ...(extra.init ? { initContainers: extra.init } : {}), ...(extra.deadline !== undefined ? { activeDeadlineSeconds: extra.deadline } : {}) },
    status: { phase: extra.phase ?? 'Running' },
  };
}

const svc = (name: string, type: string, ports = 1): ServiceObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: meta(name),
  spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
});
const simple = (kind: string, apiVersion: string, name: string): KubeObject => ({ apiVersion, kind, metadata: meta(name) });
const pvc = (name: string, storage: string, cls?: string): PvcObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: meta(name),
  spec: { resources: { requests: { storage } }, ...(cls ? { storageClassName: cls } : {}) },
});

const burstable = pod('web', [ctr({ cpu: '100m', memory: '64Mi' }, { cpu: '500m', memory: '128Mi' }), ctr({ cpu: '250m', memory: '128Mi' }, { cpu: '500m', memory: '128Mi' })]);
const besteffort = pod('be', [ctr()]);
const finished = pod('done', [ctr({ cpu: '1', memory: '1Gi' })], { phase: 'Succeeded' });
const terminating = pod('batch', [ctr({ cpu: '200m' })], { deadline: 60 });
const initHeavy = pod('init', [ctr({ cpu: '100m' })], { init: [ctr({ cpu: '2' })] });

const cases: { name: string; quota: QuotaObject; objects: KubeObject[]; used: Record<string, string> }[] = [
  {
    name: 'compute of non-terminal pods, canonical sums; count/pods counts finished pods too',
    quota: quota({ pods: '10', 'count/pods': '10', 'requests.cpu': '4', 'requests.memory': '4Gi', 'limits.cpu': '8', 'limits.memory': '8Gi', cpu: '4' }),
    objects: [burstable, besteffort, finished],
    used: { pods: '2', 'count/pods': '3', 'requests.cpu': '350m', 'requests.memory': '192Mi', 'limits.cpu': '1', 'limits.memory': '256Mi', cpu: '350m' },
  },
  {
    name: 'an init container larger than the containers sets the request',
    quota: quota({ 'requests.cpu': '10' }),
    objects: [initHeavy],
    used: { 'requests.cpu': '2' },
  },
  {
    name: 'object counts, node ports and load balancers',
    quota: quota({ services: '5', 'services.nodeports': '5', 'services.loadbalancers': '1', configmaps: '9', 'count/secrets': '9', 'count/deployments.apps': '3', resourcequotas: '1' }),
    objects: [svc('a', 'ClusterIP'), svc('b', 'NodePort', 2), svc('c', 'LoadBalancer', 3), simple('ConfigMap', 'v1', 'cm'), simple('Secret', 'v1', 's1'), simple('Secret', 'v1', 's2'), simple('Deployment', 'apps/v1', 'd')],
    used: { services: '3', 'services.nodeports': '5', 'services.loadbalancers': '1', configmaps: '1', 'count/secrets': '2', 'count/deployments.apps': '1', resourcequotas: '1' },
  },
  {
    name: 'claims and storage, per storage class',
    quota: quota({ persistentvolumeclaims: '5', 'requests.storage': '100Gi', 'fast.storageclass.storage.k8s.io/requests.storage': '10Gi' }),
    objects: [pvc('a', '1Gi', 'fast'), pvc('b', '512Mi'), pvc('c', '2Gi', 'slow')],
    used: { persistentvolumeclaims: '3', 'requests.storage': '3584Mi', 'fast.storageclass.storage.k8s.io/requests.storage': '1Gi' },
  },
  { name: 'scope BestEffort', quota: quota({ pods: '5' }, ['BestEffort']), objects: [burstable, besteffort, terminating], used: { pods: '1' } },
  { name: 'scope NotBestEffort', quota: quota({ pods: '5', 'requests.cpu': '5' }, ['NotBestEffort']), objects: [burstable, besteffort, terminating], used: { pods: '2', 'requests.cpu': '550m' } },
  { name: 'scope Terminating', quota: quota({ pods: '5', 'requests.cpu': '5' }, ['Terminating']), objects: [burstable, besteffort, terminating], used: { pods: '1', 'requests.cpu': '200m' } },
  { name: 'scope NotTerminating', quota: quota({ pods: '5' }, ['NotTerminating']), objects: [burstable, besteffort, terminating], used: { pods: '2' } },
  { name: 'nothing in use: zeros', quota: quota({ pods: '5', 'requests.memory': '1Gi', 'count/jobs.batch': '2' }), objects: [], used: { pods: '0', 'requests.memory': '0', 'count/jobs.batch': '0' } },
];

function setup(objects: KubeObject[]) {
  const client = new FakeClient({ objects });
  const factory = new FakeInformerFactory();
  const queue = new RecordingQueue();
  const ctl = newResourceQuotaController({ ...testContext(), client, informers: factory, clock: new FakeClock() }, { queue });
  factory.mirror(client);
  return { client, factory, queue, ctl };
}

const storedStatus = (client: FakeClient, name = 'q') => (client.tracker.get(RESOURCE_QUOTAS, NS, name) as QuotaObject).status;

for (const c of cases) {
  test(`resourcequota usage: ${c.name}`, async () => {
    const h = setup([c.quota, ...c.objects]);
    await h.ctl.sync(`${NS}/q`);
    const status = storedStatus(h.client);
    assert.deepEqual(status?.used, c.used);
    assert.deepEqual(Object.keys(status?.hard ?? {}).sort(), Object.keys(c.quota.spec!.hard!).sort());
  });
}

test('resourcequota: status is written only on change, and a pod finishing queues the quota again', async () => {
  const h = setup([quota({ pods: '5', 'requests.cpu': '2000m' }), burstable]);
  assert.deepEqual([...h.queue.pending], [`${NS}/q`]);
  await h.ctl.sync(h.queue.take()!);
  h.factory.mirror(h.client);
  assert.deepEqual(storedStatus(h.client), { hard: { pods: '5', 'requests.cpu': '2' }, used: { pods: '1', 'requests.cpu': '350m' } });
  await h.ctl.sync(`${NS}/q`);
  assert.equal(h.client.actionsOf('update', 'resourcequotas').length, 1, 'no second write');
  h.queue.pending.clear();
  const succeeded: PodObject = { ...(h.client.tracker.get(PODS, NS, 'web') as PodObject), status: { phase: 'Succeeded' } };
  h.client.tracker.update(PODS, NS, succeeded, 'status');
  h.factory.mirror(h.client);
  assert.deepEqual([...h.queue.pending], [`${NS}/q`]);
  await h.ctl.sync(h.queue.take()!);
  assert.deepEqual(storedStatus(h.client)?.used, { pods: '0', 'requests.cpu': '0' });
  assert.equal(h.client.actionsOf('update', 'resourcequotas').every((a) => a.subresource === 'status'), true);
});

test('resourcequota: an untracked resource keeps the used value it had', async () => {
  const q = quota({ 'count/widgets.example.com': '3', pods: '1' });
  const h = setup([q]);
  const used: QuotaObject = { ...(h.client.tracker.get(RESOURCE_QUOTAS, NS, 'q') as QuotaObject), status: { used: { 'count/widgets.example.com': '2' } } };
  h.client.tracker.update(RESOURCE_QUOTAS, NS, used, 'status');
  h.factory.mirror(h.client);
  await h.ctl.sync(`${NS}/q`);
  assert.deepEqual(storedStatus(h.client)?.used, { 'count/widgets.example.com': '2', pods: '0' });
});
