/**
 * The status manager against the real API server (in-memory SQLite, over the loopback socket): its patches apply
 * as intended, leave other writers' conditions alone, and never land on a pod recreated under the same name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLoopbackApi, type LoopbackApi } from '../../registry/testing/loopback-api.js';
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
// Test-only imports of the server side, to run the kubelet's client against the real thing.
import type { RestClient } from '../../client/rest/client.js';
import { NAMESPACES } from '../../client/resources.js';
import type { Transport } from '../../client/rest/transport.js';
import type { PodObject } from '../types.js';
import { PODS, StatusManager } from './manager.js';

let api: LoopbackApi;
let transport: Transport;
let client: RestClient;

before(async () => {
  api = await startLoopbackApi('k8ts-status-');
  ({ client, transport } = api);
  await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 's' } });
});
after(() => api.close());

const cond = (type: string, status: string, lastTransitionTime = '2026-01-01T00:00:00Z'): PodCondition => ({ type, status, lastTransitionTime });

const createPod = (name: string): Promise<PodObject> =>
  client.create<PodObject>(PODS, 's', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] } });

function kubeletStatus(pod: PodObject, ready: boolean): PodStatus {
  const r = ready ? 'True' : 'False';
  return {
    ...pod.status,
    phase: ready ? 'Running' : 'Pending',
    conditions: [cond('Initialized', 'True'), cond('Ready', r), cond('ContainersReady', r), cond('PodScheduled', 'True'), ...(pod.status?.conditions ?? []).filter((c) => c.type === 'DisruptionTarget')],
    hostIP: '10.0.0.1',
    podIP: '10.244.0.2',
    podIPs: [{ ip: '10.244.0.2' }],
    containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready, restartCount: 0, state: ready ? { running: {} } : { waiting: { reason: 'ContainerCreating' } } }],
  };
}

describe('StatusManager against the API server', () => {
  test('patches the status, keeps a condition another writer added meanwhile, and skips a no-op', async () => {
    const cached = await createPod('web');
    const m = new StatusManager(client);
    assert.equal(await m.setPodStatus(cached, kubeletStatus(cached, false)), true);
    let live = await client.get<PodObject>(PODS, 's', 'web');
    assert.equal(live.status?.phase, 'Pending');
    assert.deepEqual(live.status?.conditions?.map((c) => `${c.type}=${c.status}`), ['Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    assert.equal(live.status?.qosClass, 'BestEffort', 'the server-set qosClass is kept');

    // The taint manager marks the pod; the kubelet's cache has not seen it yet.
    const marked = await client.patch<PodObject>(PODS, 's', 'web', 'strategic', { status: { conditions: [cond('DisruptionTarget', 'True')] } }, { subresource: 'status' });
    const order = marked.status?.conditions?.map((c) => c.type);
    assert.equal(await m.setPodStatus(cached, kubeletStatus(cached, true)), true);
    live = await client.get<PodObject>(PODS, 's', 'web');
    assert.equal(live.status?.phase, 'Running');
    assert.deepEqual(live.status?.conditions?.map((c) => c.type), order, 'the other writer\'s condition stays where its patch put it');
    assert.deepEqual(live.status?.conditions?.map((c) => `${c.type}=${c.status}`).sort(), ['ContainersReady=True', 'DisruptionTarget=True', 'Initialized=True', 'PodScheduled=True', 'Ready=True']);

    const rv = live.metadata?.resourceVersion;
    assert.equal(await m.setPodStatus(live, kubeletStatus(live, true)), true);
    assert.equal((await client.get<PodObject>(PODS, 's', 'web')).metadata?.resourceVersion, rv, 'nothing written');
  });

  test('a pod deleted and recreated under the same name is not patched: setPodStatus answers false', async () => {
    const old = await createPod('db');
    await client.delete(PODS, 's', 'db', { gracePeriodSeconds: 0 });
    const recreated = await createPod('db');
    assert.notEqual(recreated.metadata?.uid, old.metadata?.uid);
    assert.equal(await new StatusManager(client).setPodStatus(old, kubeletStatus(old, true)), false);
    const live = await client.get<PodObject>(PODS, 's', 'db');
    assert.equal(live.metadata?.resourceVersion, recreated.metadata?.resourceVersion);
    assert.equal(live.status?.phase, recreated.status?.phase);
  });
});
