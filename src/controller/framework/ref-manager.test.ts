import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogEntry } from '../../api/catalog.js';
import type { Client, KubeObject } from '../../client/interface.js';
import { newInvalid, newNotFound } from '../../machinery/errors/status.js';
import { selectorFromSet } from '../../machinery/labels/index.js';
import { getControllerOf, newControllerRef } from './controller-ref.js';
import { ControllerRefManager, recheckDeletionTimestamp } from './ref-manager.js';

const PODS = catalogEntry('', 'pods')!;
const RS_GVK = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };
const rs = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'ns1', uid: 'rs-uid', ...extra },
});
const pod = (name: string, labels: Record<string, string>, meta: Record<string, unknown> = {}): KubeObject => ({
  metadata: { name, namespace: 'ns1', uid: `uid-${name}`, labels, ...meta },
});
const ownedBy = (uid: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid, controller: true }] });

function patchClient(fail: Record<string, unknown> = {}): Client & { patches: { name: string; body: unknown }[] } {
  const c = {
    patches: [] as { name: string; body: unknown }[],
    async patch(_r: unknown, _ns: string, name: string, type: string, body: unknown): Promise<unknown> {
      assert.equal(type, 'strategic');
      c.patches.push({ name, body });
      if (fail[name]) throw fail[name];
      return {};
    },
  };
  return c as unknown as ReturnType<typeof patchClient>;
}

test('getControllerOf and newControllerRef', () => {
  const ref = newControllerRef(rs(), RS_GVK);
  assert.deepEqual(ref, { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true, blockOwnerDeletion: true });
  assert.equal(getControllerOf(pod('a', {})), undefined);
  const p = pod('a', {}, { ownerReferences: [{ uid: 'other', controller: false }, ref] });
  assert.equal(getControllerOf(p)?.uid, 'rs-uid');
  assert.deepEqual(newControllerRef(rs(), { group: '', version: 'v1', kind: 'ReplicationController' }).apiVersion, 'v1');
});

test('claim adopts matching orphans, keeps owned matches, releases owned non-matches, ignores others', async () => {
  const client = patchClient();
  const m = new ControllerRefManager({ client, resource: PODS, owner: rs(), ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }) });
  const pods = [
    pod('orphan-match', { app: 'web' }),
    pod('orphan-nomatch', { app: 'db' }),
    pod('owned-match', { app: 'web' }, ownedBy('rs-uid')),
    pod('owned-nomatch', { app: 'db' }, ownedBy('rs-uid')),
    pod('foreign', { app: 'web' }, ownedBy('other-uid')),
    pod('orphan-deleting', { app: 'web' }, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
    { metadata: { name: 'other-ns', namespace: 'ns2', uid: 'u2', labels: { app: 'web' } } },
  ];
  const claimed = await m.claim(pods);
  assert.deepEqual(claimed.map((p) => p.metadata?.name), ['orphan-match', 'owned-match']);
  assert.deepEqual(client.patches, [
    {
      name: 'orphan-match',
      body: { metadata: { ownerReferences: [newControllerRef(rs(), RS_GVK)], uid: 'uid-orphan-match' } },
    },
    { name: 'owned-nomatch', body: { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'rs-uid' }], uid: 'uid-owned-nomatch' } } },
  ]);
});

test('an owner being deleted neither adopts nor releases', async () => {
  const client = patchClient();
  const owner = rs({ deletionTimestamp: '2026-01-01T00:00:00Z' });
  const m = new ControllerRefManager({ client, resource: PODS, owner, ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }) });
  const claimed = await m.claim([pod('o', { app: 'web' }), pod('n', { app: 'db' }, ownedBy('rs-uid')), pod('k', { app: 'web' }, ownedBy('rs-uid'))]);
  assert.deepEqual(claimed.map((p) => p.metadata?.name), ['k']);
  assert.deepEqual(client.patches, []);
});

test('filters narrow the match', async () => {
  const client = patchClient();
  const m = new ControllerRefManager({ client, resource: PODS, owner: rs(), ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }) });
  const claimed = await m.claim([pod('a', { app: 'web' }), pod('b', { app: 'web', x: 'y' })], [(p) => !p.metadata?.labels?.['x']]);
  assert.deepEqual(claimed.map((p) => p.metadata?.name), ['a']);
});

test('NotFound on adopt and NotFound/Invalid on release are skipped; other errors are reported after trying all', async () => {
  const gr = { group: '', resource: 'pods' };
  const client = patchClient({
    gone: newNotFound(gr, 'gone'),
    recreated: newInvalid({ group: '', kind: 'Pod' }, 'recreated', [{ field: 'metadata.uid', reason: 'FieldValueInvalid', message: 'field is immutable' }]),
    broken: new Error('connection reset'),
  });
  const m = new ControllerRefManager({ client, resource: PODS, owner: rs(), ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }) });
  const objs = [pod('gone', { app: 'web' }), pod('recreated', { app: 'db' }, ownedBy('rs-uid')), pod('broken', { app: 'web' }), pod('fine', { app: 'web' })];
  await assert.rejects(m.claim(objs), { message: 'connection reset' });
  assert.deepEqual(client.patches.map((p) => p.name), ['gone', 'recreated', 'broken', 'fine']);
});

const recheck: { name: string; fresh: KubeObject | Error; message?: string }[] = [
  { name: 'same owner', fresh: rs() },
  { name: 'replaced', fresh: rs({ uid: 'new' }), message: 'original ns1/web is gone: got uid new, wanted rs-uid' },
  { name: 'being deleted', fresh: rs({ deletionTimestamp: '2026-01-01T00:00:05Z' }), message: 'ns1/web has just been deleted at 2026-01-01T00:00:05Z' },
  { name: 'read fails', fresh: new Error('timeout'), message: "can't recheck DeletionTimestamp: timeout" },
];
for (const c of recheck) {
  test(`canAdopt recheck: ${c.name}; checked once per manager`, async () => {
    const client = patchClient();
    let reads = 0;
    const canAdopt = recheckDeletionTimestamp(async () => {
      reads++;
      if (c.fresh instanceof Error) throw c.fresh;
      return c.fresh;
    }, rs());
    const m = new ControllerRefManager({ client, resource: PODS, owner: rs(), ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }), canAdopt });
    const run = m.claim([pod('a', { app: 'web' }), pod('b', { app: 'web' })]);
    if (c.message) {
      await assert.rejects(run, (err: Error) => err instanceof AggregateError && err.errors.every((e: Error) => e.message.endsWith(c.message!)));
      assert.equal(client.patches.length, 0);
    } else {
      assert.equal((await run).length, 2);
    }
    assert.equal(reads, 1);
  });
}

test("patchType 'merge' writes the whole ownerReferences list guarded by the resourceVersion", async () => {
  const writes: { name: string; type: string; body: unknown }[] = [];
  const client = {
    async patch(_r: unknown, _ns: string, name: string, type: string, body: unknown): Promise<unknown> {
      writes.push({ name, type, body });
      if (name === 'gone') throw newNotFound({ group: '', resource: 'pods' }, name);
      return {};
    },
  } as unknown as Client;
  const m = new ControllerRefManager({ client, resource: PODS, owner: rs(), ownerGVK: RS_GVK, selector: selectorFromSet({ app: 'web' }), patchType: 'merge' });
  const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' };
  const claimed = await m.claim([
    pod('orphan', { app: 'web' }, { resourceVersion: '7', ownerReferences: [other] }),
    pod('relabelled', { app: 'db' }, { resourceVersion: '8', ownerReferences: [other, ...ownedBy('rs-uid').ownerReferences] }),
    pod('gone', { app: 'web' }, { resourceVersion: '9' }),
  ]);
  assert.deepEqual(claimed.map((p) => p.metadata?.name), ['orphan']);
  assert.deepEqual(writes, [
    { name: 'orphan', type: 'merge', body: { metadata: { ownerReferences: [other, newControllerRef(rs(), RS_GVK)], resourceVersion: '7' } } },
    { name: 'relabelled', type: 'merge', body: { metadata: { ownerReferences: [other], resourceVersion: '8' } } },
    { name: 'gone', type: 'merge', body: { metadata: { ownerReferences: [newControllerRef(rs(), RS_GVK)], resourceVersion: '9' } } },
  ]);
});
