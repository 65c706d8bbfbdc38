/** The REST client against the real API server (in-memory SQLite) over the loopback unix socket. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLoopbackApi, type LoopbackApi } from '../../registry/testing/loopback-api.js';
import { isAlreadyExistsStatus, isBadRequestStatus, isConflictStatus, isInvalidStatus, isNotFoundStatus, StatusError } from '../../machinery/errors/status.js';
import type { Binding, ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject } from '../interface.js';
import { CONFIG_MAPS, DEPLOYMENTS, NAMESPACES, NODES, PODS } from '../resources.js';
import type { RestClient } from './client.js';
import type { Transport } from './transport.js';

let api: LoopbackApi;
let transport: Transport;
let client: RestClient;
let nsCount = 0;

before(async () => {
  api = await startLoopbackApi('k8ts-rest-');
  ({ client, transport } = api);
});
after(() => api.close());

async function namespace(): Promise<string> {
  const name = `rest-${++nsCount}`;
  await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const cm = (name: string, labels?: Record<string, string>, extra: Record<string, unknown> = {}): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}), ...extra },
  data: { k: 'v' },
});

const pod = (name: string, labels: Record<string, string> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels },
  spec: { containers: [{ name: 'app', image: 'nginx', env: [{ name: 'A', value: '1' }] }] },
});

async function rejects(p: Promise<unknown>, predicate: (e: unknown) => boolean, code: number): Promise<StatusError> {
  const err = await p.then(
    () => assert.fail('expected a StatusError'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof StatusError, `not a StatusError: ${String(err)}`);
  assert.equal(err.code, code);
  assert.ok(predicate(err), `predicate failed for ${err.reason}: ${err.message}`);
  return err;
}

describe('CRUD', () => {
  test('create, get, update, delete a ConfigMap', async () => {
    const ns = await namespace();
    const created = await client.create(CONFIG_MAPS, ns, cm('one'));
    assert.equal(created.metadata?.namespace, ns);
    assert.ok(created.metadata?.uid);
    const got = await client.get<ConfigMap>(CONFIG_MAPS, ns, 'one');
    assert.deepEqual(got.data, { k: 'v' });
    const updated = await client.update(CONFIG_MAPS, ns, { ...got, data: { k: 'w' } });
    assert.deepEqual(updated.data, { k: 'w' });
    assert.notEqual(updated.metadata?.resourceVersion, got.metadata?.resourceVersion);
    assert.equal(await client.delete(CONFIG_MAPS, ns, 'one'), undefined);
    await rejects(client.get(CONFIG_MAPS, ns, 'one'), isNotFoundStatus, 404);
  });

  test('cluster-scoped resources have no namespace segment', async () => {
    const node = await client.create<KubeObject>(NODES, '', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'rest-node-1' } });
    assert.equal(node.metadata?.namespace, undefined);
    assert.equal((await client.get(NODES, '', 'rest-node-1')).metadata?.name, 'rest-node-1');
    assert.ok((await client.list(NODES, '')).items.some((n) => n.metadata?.name === 'rest-node-1'));
  });

  test('dryRun create validates and returns the object without storing it', async () => {
    const ns = await namespace();
    const out = await client.create(CONFIG_MAPS, ns, cm('dry'), { dryRun: true, fieldManager: 'rest-test' });
    assert.equal(out.metadata?.name, 'dry');
    await rejects(client.get(CONFIG_MAPS, ns, 'dry'), isNotFoundStatus, 404);
  });
});

describe('errors are StatusErrors with the server Status', () => {
  test('404 NotFound', async () => {
    const err = await rejects(client.get(CONFIG_MAPS, 'default', 'missing'), isNotFoundStatus, 404);
    assert.equal(err.status.details?.name, 'missing');
  });
  test('409 AlreadyExists', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('dup'));
    await rejects(client.create(CONFIG_MAPS, ns, cm('dup')), isAlreadyExistsStatus, 409);
  });
  test('409 Conflict on a stale resourceVersion', async () => {
    const ns = await namespace();
    const first = await client.create(CONFIG_MAPS, ns, cm('cas'));
    await client.update(CONFIG_MAPS, ns, { ...first, data: { k: '2' } });
    await rejects(client.update(CONFIG_MAPS, ns, { ...first, data: { k: '3' } }), isConflictStatus, 409);
  });
  test('422 Invalid with causes', async () => {
    const ns = await namespace();
    const err = await rejects(client.create(CONFIG_MAPS, ns, cm('Not_Valid')), isInvalidStatus, 422);
    assert.ok(err.status.details?.causes?.some((c) => c.field === 'metadata.name'));
  });
  test('400 BadRequest for a malformed label selector', async () => {
    await rejects(client.list(CONFIG_MAPS, 'default', { labelSelector: 'a in (' }), isBadRequestStatus, 400);
  });
});

describe('list', () => {
  test('label and field selectors', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('a', { app: 'web' }));
    await client.create(CONFIG_MAPS, ns, cm('b', { app: 'db' }));
    await client.create(CONFIG_MAPS, ns, cm('c', { app: 'web', tier: 'x' }));
    const names = (l: { items: KubeObject[] }) => l.items.map((i) => i.metadata?.name);
    assert.deepEqual(names(await client.list(CONFIG_MAPS, ns, { labelSelector: 'app=web' })), ['a', 'c']);
    assert.deepEqual(names(await client.list(CONFIG_MAPS, ns, { labelSelector: 'app in (web,db),!tier' })), ['a', 'b']);
    assert.deepEqual(names(await client.list(CONFIG_MAPS, ns, { fieldSelector: 'metadata.name!=a' })).filter((n) => n !== 'kube-root-ca.crt'), ['b', 'c']);
  });

  test('pagination with limit and continue', async () => {
    const ns = await namespace();
    for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) await client.create(CONFIG_MAPS, ns, cm(n, { page: 'yes' }));
    const seen: string[] = [];
    let cont: string | undefined;
    let pages = 0;
    do {
      const page = await client.list(CONFIG_MAPS, ns, { labelSelector: 'page=yes', limit: 2, ...(cont ? { continue: cont } : {}) });
      seen.push(...page.items.map((i) => i.metadata!.name!));
      cont = page.metadata.continue;
      pages++;
    } while (cont);
    assert.deepEqual(seen, ['p1', 'p2', 'p3', 'p4', 'p5']);
    assert.equal(pages, 3);
  });

  test('namespace "" lists across namespaces', async () => {
    const [a, b] = [await namespace(), await namespace()];
    await client.create(CONFIG_MAPS, a, cm('x', { across: 'yes' }));
    await client.create(CONFIG_MAPS, b, cm('x', { across: 'yes' }));
    const all = await client.list(CONFIG_MAPS, '', { labelSelector: 'across=yes' });
    assert.deepEqual(all.items.map((i) => i.metadata?.namespace).sort(), [a, b].sort());
    assert.equal(all.kind, 'ConfigMapList');
    assert.ok(all.metadata.resourceVersion);
  });

  test('deleteCollection by label selector', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('keep', { gone: 'no' }));
    await client.create(CONFIG_MAPS, ns, cm('drop1', { gone: 'yes' }));
    await client.create(CONFIG_MAPS, ns, cm('drop2', { gone: 'yes' }));
    await client.deleteCollection(CONFIG_MAPS, ns, { labelSelector: 'gone=yes' });
    assert.deepEqual((await client.list(CONFIG_MAPS, ns, { labelSelector: 'gone' })).items.map((i) => i.metadata?.name), ['keep']);
  });
});

describe('patch', () => {
  test('merge patch sets and removes keys', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, { ...cm('m'), data: { a: '1', b: '2' } });
    const out = await client.patch<ConfigMap>(CONFIG_MAPS, ns, 'm', 'merge', { data: { a: null, c: '3' } });
    assert.deepEqual(out.data, { b: '2', c: '3' });
  });
  test('strategic merge patch merges containers by name', async () => {
    const ns = await namespace();
    await client.create(PODS, ns, pod('s'));
    const out = await client.patch<Pod>(PODS, ns, 's', 'strategic', { spec: { containers: [{ name: 'app', image: 'nginx:2' }] } });
    const c = (out.spec as { containers: Array<{ image: string; env?: unknown[] }> }).containers;
    assert.equal(c.length, 1);
    assert.equal(c[0]!.image, 'nginx:2');
    assert.equal(c[0]!.env?.length, 1, 'env kept: a merge patch would have replaced the container');
  });
  test('JSON patch', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('j'));
    const out = await client.patch<ConfigMap>(CONFIG_MAPS, ns, 'j', 'json', [{ op: 'add', path: '/data/z', value: '26' }, { op: 'remove', path: '/data/k' }]);
    assert.deepEqual(out.data, { z: '26' });
  });
});

describe('delete', () => {
  test('an object held by a finalizer is returned with deletionTimestamp', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('held', undefined, { finalizers: ['example.com/hold'] }));
    const kept = await client.delete(CONFIG_MAPS, ns, 'held');
    assert.ok(kept?.metadata?.deletionTimestamp);
    await client.patch(CONFIG_MAPS, ns, 'held', 'merge', { metadata: { finalizers: null } });
    await rejects(client.get(CONFIG_MAPS, ns, 'held'), isNotFoundStatus, 404);
  });
  test('an unbound pod is gone at once (undefined); a bound pod stays for its grace period', async () => {
    const ns = await namespace();
    await client.create(PODS, ns, pod('free'));
    assert.equal(await client.delete(PODS, ns, 'free'), undefined);
    await client.create(PODS, ns, pod('bound'));
    const binding: Binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'n1' } };
    await client.createSubresource(PODS, ns, 'bound', 'binding', binding);
    const kept = await client.delete(PODS, ns, 'bound', { gracePeriodSeconds: 20 });
    assert.equal(kept?.metadata?.deletionGracePeriodSeconds, 20);
  });
  test('preconditions: a wrong uid → 409 Conflict', async () => {
    const ns = await namespace();
    await client.create(CONFIG_MAPS, ns, cm('pre'));
    await rejects(client.delete(CONFIG_MAPS, ns, 'pre', { preconditions: { uid: 'nope' } }), isConflictStatus, 409);
  });
});

describe('subresources', () => {
  test('pods/binding sets spec.nodeName; binding twice → 409', async () => {
    const ns = await namespace();
    await client.create(PODS, ns, pod('b'));
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'b' }, target: { kind: 'Node', name: 'node-7' } };
    await client.createSubresource(PODS, ns, 'b', 'binding', body);
    assert.equal((await client.get<Pod>(PODS, ns, 'b')).spec?.nodeName, 'node-7');
    await rejects(client.createSubresource(PODS, ns, 'b', 'binding', body), isConflictStatus, 409);
  });
  test('status update changes status only', async () => {
    const ns = await namespace();
    const p = await client.create(PODS, ns, pod('st'));
    const out = await client.update(PODS, ns, { ...p, metadata: { ...p.metadata, labels: { changed: 'yes' } }, status: { phase: 'Running' } }, { subresource: 'status' });
    assert.equal((out.status as { phase: string }).phase, 'Running');
    assert.deepEqual(out.metadata?.labels ?? {}, {});
  });
  test('deployments/scale update and patch', async () => {
    const ns = await namespace();
    const labels = { app: 'd' };
    const spec = { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } };
    await client.create(DEPLOYMENTS, ns, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
    const scale = await client.update(DEPLOYMENTS, ns, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'd', namespace: ns }, spec: { replicas: 4 } }, { subresource: 'scale' });
    assert.equal(scale.kind, 'Scale');
    assert.equal((await client.get<KubeObject & { spec: { replicas: number } }>(DEPLOYMENTS, ns, 'd')).spec.replicas, 4);
    await client.patch(DEPLOYMENTS, ns, 'd', 'merge', { spec: { replicas: 2 } }, { subresource: 'scale' });
    assert.equal((await client.get<KubeObject & { spec: { replicas: number } }>(DEPLOYMENTS, ns, 'd')).spec.replicas, 2);
  });
});
