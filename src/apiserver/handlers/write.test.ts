/** metadata.uid as a precondition of PUT (409) and PATCH (422), against the real API server on in-memory SQLite. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLoopbackApi, type LoopbackApi } from '../../registry/testing/loopback-api.js';
import type { RestClient } from '../../client/rest/client.js';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject, PatchType } from '../../client/interface.js';
import { CONFIG_MAPS, NAMESPACES, PODS } from '../../client/resources.js';
import type { Transport } from '../../client/rest/transport.js';
import { isConflictStatus, isInvalidStatus, StatusError } from '../../machinery/errors/status.js';

let api: LoopbackApi;
let transport: Transport;
let client: RestClient;

before(async () => {
  api = await startLoopbackApi('k8ts-write-');
  ({ client, transport } = api);
  await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'w' } });
});
after(() => api.close());

const pod = (name: string): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'w' },
  spec: { containers: [{ name: 'c', image: 'nginx' }] },
});

async function rejection(p: Promise<unknown>): Promise<StatusError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  assert.ok(e instanceof StatusError, `expected a StatusError, got ${String(e)}`);
  return e;
}

describe('PATCH with metadata.uid', () => {
  const cases: { type: PatchType; body: (uid: string) => unknown }[] = [
    { type: 'strategic', body: (uid) => ({ metadata: { uid }, status: { phase: 'Running' } }) },
    { type: 'merge', body: (uid) => ({ metadata: { uid }, status: { phase: 'Running' } }) },
    { type: 'json', body: (uid) => [{ op: 'add', path: '/metadata/uid', value: uid }, { op: 'add', path: '/status/phase', value: 'Running' }] },
  ];
  for (const c of cases) {
    test(`${c.type} patch of pods/status: another uid → 422 metadata.uid immutable, nothing written; the pod's own uid → applied`, async () => {
      const name = `p-${c.type}`;
      const created = await client.create(PODS, 'w', pod(name));
      const e = await rejection(client.patch(PODS, 'w', name, c.type, c.body('not-this-pod'), { subresource: 'status' }));
      assert.ok(isInvalidStatus(e), e.message);
      assert.equal(e.status.code, 422);
      assert.deepEqual(e.status.details?.causes?.map((x) => x.field), ['metadata.uid']);
      assert.match(e.message, /metadata\.uid: Invalid value: "not-this-pod": field is immutable/);
      const live = await client.get<KubeObject & { status?: { phase?: string } }>(PODS, 'w', name);
      assert.equal(live.metadata?.resourceVersion, created.metadata?.resourceVersion, 'nothing was written');
      const ok = await client.patch<KubeObject & { status?: { phase?: string } }>(PODS, 'w', name, c.type, c.body(created.metadata!.uid!), { subresource: 'status' });
      assert.equal(ok.status?.phase, 'Running');
      assert.equal(ok.metadata?.uid, created.metadata?.uid);
    });
  }

  test('the main resource is guarded the same way', async () => {
    const created = await client.create<ConfigMap>(CONFIG_MAPS, 'w', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: '1' } });
    const e = await rejection(client.patch(CONFIG_MAPS, 'w', 'cm', 'merge', { metadata: { uid: 'other' }, data: { a: '2' } }));
    assert.ok(isInvalidStatus(e), e.message);
    const live = await client.get<KubeObject & { data?: Record<string, string> }>(CONFIG_MAPS, 'w', 'cm');
    assert.deepEqual([live.data?.['a'], live.metadata?.uid], ['1', created.metadata?.uid]);
  });
});

describe('PUT with metadata.uid', () => {
  test('another uid → 409 Conflict "Precondition failed", for the object and for its status', async () => {
    const created = await client.create(PODS, 'w', pod('put'));
    const stale = { ...created, metadata: { ...created.metadata, uid: 'old-pod' } };
    for (const subresource of [undefined, 'status']) {
      const e = await rejection(client.update(PODS, 'w', stale, subresource ? { subresource } : {}));
      assert.ok(isConflictStatus(e), e.message);
      assert.equal(e.message, `Operation cannot be fulfilled on pods "put": Precondition failed: UID in precondition: old-pod, UID in object meta: ${created.metadata!.uid}`);
    }
    const same = await client.update(PODS, 'w', { ...created, metadata: { ...created.metadata, labels: { a: 'b' } } });
    assert.deepEqual(same.metadata?.labels, { a: 'b' });
  });
});
