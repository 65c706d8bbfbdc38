import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodCondition, PodStatus } from 'kubernetes-types/core/v1.js';
import { patchMetaFor } from '../../api/patchmeta/index.js';
import { FakeClient } from '../../client/fake/index.js';
import { newInvalid, newNotFound, isInvalidStatus } from '../../machinery/errors/status.js';
import { applyStatusPatch } from '../testing/status-patch.js';
import type { PodObject } from '../types.js';
import { StatusManager, PODS } from './manager.js';

const T0 = '2026-01-01T00:00:00Z';
const T5 = '2026-01-01T00:00:05Z';
const cond = (type: string, status: string, extra: Partial<PodCondition> = {}): PodCondition => ({ type, status, lastTransitionTime: T0, ...extra });
const STATUS_META = patchMetaFor('', 'v1', 'Pod')!.field('status').child;

/** The pod as the API server and the informer cache have it after the scheduler bound it. */
function cachedPod(status: PodStatus = {}, rv = '10', uid = 'uid-1'): PodObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid, resourceVersion: rv },
    spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx' }] },
    status: { phase: 'Pending', qosClass: 'BestEffort', conditions: [cond('PodScheduled', 'True')], ...status },
  };
}

/** What the kubelet generates: its fields and conditions, plus what it carries over from `pod`. */
function generated(pod: PodObject, ready: boolean, extra: PodStatus = {}): PodStatus {
  const r = ready ? 'True' : 'False';
  const own = [cond('PodReadyToStartContainers', 'True'), cond('Initialized', 'True'), cond('Ready', r, ready ? { lastTransitionTime: T5 } : {}), cond('ContainersReady', r, ready ? { lastTransitionTime: T5 } : {}), cond('PodScheduled', 'True')];
  const foreign = (pod.status?.conditions ?? []).filter((c) => !own.some((o) => o.type === c.type));
  return {
    phase: ready ? 'Running' : 'Pending',
    conditions: [...own, ...foreign],
    hostIP: '10.0.0.1',
    hostIPs: [{ ip: '10.0.0.1' }],
    podIP: '10.244.0.2',
    podIPs: [{ ip: '10.244.0.2' }],
    startTime: T0,
    containerStatuses: [{ name: 'c', image: 'nginx', imageID: '', ready, restartCount: 0, state: ready ? { running: { startedAt: T5 } } : { waiting: { reason: 'ContainerCreating' } } }],
    qosClass: pod.status?.qosClass,
    ...extra,
  };
}

/** A FakeClient holding `pod` whose status patches are applied as strategic merge patches (the stub's). */
function fakeWith(pod: PodObject): FakeClient {
  const client = new FakeClient({ objects: [pod] });
  client.prependReactor('patch', 'pods/status', (a) => {
    const cur = client.tracker.get(PODS, a.namespace, a.name!) as PodObject;
    const body = a.patch as { metadata?: { uid?: string }; status: Record<string, unknown> };
    if (body.metadata?.uid !== cur.metadata?.uid) throw newInvalid({ group: '', kind: 'Pod' }, a.name!, [{ field: 'metadata.uid', message: 'field is immutable' }]);
    const next = { ...cur, status: applyStatusPatch((cur.status ?? {}) as Record<string, unknown>, body.status, STATUS_META) };
    return { result: client.tracker.update(PODS, a.namespace, next, 'status') };
  });
  return client;
}

const patches = (c: FakeClient) => c.actionsOf('patch', 'pods');
const livePod = (c: FakeClient) => c.tracker.get(PODS, 'default', 'web') as PodObject;

describe('StatusManager.setPodStatus', () => {
  test('sends a strategic merge patch of pods/status with the uid and only what changed; no PUT, no resourceVersion', async () => {
    const pod = cachedPod();
    const client = fakeWith(pod);
    assert.equal(await new StatusManager(client).setPodStatus(pod, generated(pod, false)), true);
    assert.equal(client.actionsOf('update').length, 0);
    const [p] = patches(client);
    assert.equal(p?.patchType, 'strategic');
    assert.equal(p?.subresource, 'status');
    assert.deepEqual(p?.patch, {
      metadata: { uid: 'uid-1' },
      status: {
        conditions: [cond('PodReadyToStartContainers', 'True'), cond('Initialized', 'True'), cond('Ready', 'False'), cond('ContainersReady', 'False')],
        '$setElementOrder/conditions': [{ type: 'PodReadyToStartContainers' }, { type: 'Initialized' }, { type: 'Ready' }, { type: 'ContainersReady' }, { type: 'PodScheduled' }],
        hostIP: '10.0.0.1',
        hostIPs: [{ ip: '10.0.0.1' }],
        podIP: '10.244.0.2',
        podIPs: [{ ip: '10.244.0.2' }],
        startTime: T0,
        containerStatuses: generated(pod, false).containerStatuses,
      },
    });
    assert.deepEqual(livePod(client).status, generated(pod, false));
  });

  test('a status equal to the cached one sends nothing', async () => {
    const pod = cachedPod(generated(cachedPod(), true));
    const client = fakeWith(pod);
    assert.equal(await new StatusManager(client).setPodStatus(pod, generated(pod, true)), true);
    assert.equal(client.actions.length, 0);
  });

  test('a status equal to the last write sends nothing while the cache lags behind it', async () => {
    const pod = cachedPod();
    const client = fakeWith(pod);
    const m = new StatusManager(client);
    await m.setPodStatus(pod, generated(pod, true));
    await m.setPodStatus(pod, generated(pod, true));
    assert.equal(patches(client).length, 1);
  });

  test('diffs against the last write while the cache has not caught up with it: a change back is not lost', async () => {
    const pod = cachedPod(generated(cachedPod(), false));
    const client = fakeWith(pod);
    const m = new StatusManager(client);
    await m.setPodStatus(pod, generated(pod, true));
    assert.equal(livePod(client).status?.phase, 'Running');
    // The probe fails again before the cache saw the first write: the new status equals the (stale) cached one.
    await m.setPodStatus(pod, generated(pod, false));
    assert.equal(patches(client).length, 2);
    assert.deepEqual(livePod(client).status, generated(pod, false));
  });

  test('diffs against the cache once it moved on from the pod the last write was computed from', async () => {
    const pod = cachedPod(generated(cachedPod(), false));
    const client = fakeWith(pod);
    const m = new StatusManager(client);
    await m.setPodStatus(pod, generated(pod, true));
    const newer = livePod(client);
    newer.status!.startTime = '2025-12-31T00:00:00Z'; // someone else's change the cache now shows
    await m.setPodStatus(newer, generated(pod, false));
    const last = patches(client).at(-1)?.patch as { status: Record<string, unknown> };
    assert.equal(last.status['startTime'], T0, 'the cached value differs from ours, so ours is sent again');
  });

  test("never touches other writers' conditions or the fields the kubelet only carries over", async () => {
    const disruption = cond('DisruptionTarget', 'True', { reason: 'DeletionByTaintManager' });
    // Other writers' conditions come first, as upstream's kubelet orders them.
    const pod = cachedPod({ ...generated(cachedPod(), false), conditions: [disruption, ...generated(cachedPod(), false).conditions!], nominatedNodeName: 'n2' });
    const client = fakeWith(pod);
    // A status generated from an older cache: no DisruptionTarget, no nominatedNodeName, another qosClass.
    const stale = generated(cachedPod(), true, { qosClass: 'Burstable' });
    await new StatusManager(client).setPodStatus(pod, stale);
    const body = patches(client)[0]?.patch as { status: Record<string, unknown> };
    assert.equal((body.status['conditions'] as PodCondition[]).some((c) => c.type === 'DisruptionTarget'), false);
    assert.deepEqual((body.status['$setElementOrder/conditions'] as { type: string }[])[0], { type: 'DisruptionTarget' }, 'kept in place');
    assert.equal('qosClass' in body.status || 'nominatedNodeName' in body.status, false);
    const live = livePod(client).status!;
    assert.deepEqual(live.conditions?.[0], disruption);
    assert.deepEqual([live.qosClass, live.nominatedNodeName, live.phase], ['BestEffort', 'n2', 'Running']);
  });
});

describe('StatusManager.setPodStatus when the pod is gone or replaced', () => {
  const cases = [
    { name: '404: the pod is gone', error: () => newNotFound(PODS, 'web'), current: undefined, want: false, gets: 0 },
    { name: '422 and the pod of that name has another uid: replaced', error: () => newInvalid({ group: '', kind: 'Pod' }, 'web', []), current: 'uid-2', want: false, gets: 1 },
    { name: '422 and the pod of that name is gone', error: () => newInvalid({ group: '', kind: 'Pod' }, 'web', []), current: undefined, want: false, gets: 1 },
    { name: '422 for the same pod: a real error, thrown', error: () => newInvalid({ group: '', kind: 'Pod' }, 'web', []), current: 'uid-1', want: 'throws', gets: 1 },
  ] as const;
  for (const c of cases) {
    test(c.name, async () => {
      const pod = cachedPod();
      const client = new FakeClient({ objects: c.current ? [cachedPod({}, '11', c.current)] : [] });
      client.prependReactor('patch', 'pods/status', () => {
        throw c.error();
      });
      const run = new StatusManager(client).setPodStatus(pod, generated(pod, true));
      if (c.want === 'throws') await assert.rejects(run, isInvalidStatus);
      else assert.equal(await run, c.want);
      assert.equal(client.actionsOf('get').length, c.gets);
    });
  }

  test('a recreated pod of the same name is refused by the uid precondition and left alone', async () => {
    const old = cachedPod();
    const client = fakeWith(cachedPod({}, '20', 'uid-2'));
    assert.equal(await new StatusManager(client).setPodStatus(old, generated(old, true)), false);
    assert.equal(livePod(client).status?.phase, 'Pending');
  });
});
