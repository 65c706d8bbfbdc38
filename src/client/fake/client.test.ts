import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAlreadyExistsStatus, isBadRequestStatus, isConflictStatus, isNotFoundStatus, newConflict } from '../../machinery/errors/status.js';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import type { KubeObject, WatchEvent } from '../interface.js';
import { CONFIG_MAPS, DEPLOYMENTS, NODES, PODS } from '../resources.js';
import { FakeClient } from './client.js';

const NOW = new Date('2024-01-02T03:04:05Z');
const cm = (name: string, ns = 'default', labels?: Record<string, string>): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, ...(labels ? { labels } : {}) },
  data: { k: 'v' },
});
const pod = (name: string, extra: Partial<Pod> = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'i' }] },
  ...extra,
});
const fake = (objects: KubeObject[] = []) => new FakeClient({ objects, now: () => NOW });
const names = (l: { items: KubeObject[] }) => l.items.map((i) => i.metadata?.name);

describe('tracker', () => {
  test('seeds are not actions; create fills uid, resourceVersion, creationTimestamp, apiVersion/kind', async () => {
    const c = fake([cm('seed')]);
    assert.deepEqual(c.actions, []);
    const out = await c.create<ConfigMap>(CONFIG_MAPS, 'default', { metadata: { name: 'n' }, data: {} });
    assert.equal(out.kind, 'ConfigMap');
    assert.equal(out.apiVersion, 'v1');
    assert.match(out.metadata!.uid!, /^fake-uid-\d+$/);
    assert.equal(out.metadata?.creationTimestamp, '2024-01-02T03:04:05Z');
    assert.equal(out.metadata?.resourceVersion, '2');
    assert.equal(c.tracker.resourceVersion(), '2');
  });

  test('generateName gets a deterministic suffix', async () => {
    const c = fake();
    const a = await c.create<KubeObject>(PODS, 'default', { metadata: { generateName: 'web-' } });
    const b = await c.create<KubeObject>(PODS, 'default', { metadata: { generateName: 'web-' } });
    assert.deepEqual([a.metadata?.name, b.metadata?.name], ['web-00001', 'web-00002']);
  });

  test('NotFound, AlreadyExists and Conflict are StatusErrors', async () => {
    const c = fake([cm('a')]);
    await assert.rejects(c.get(CONFIG_MAPS, 'default', 'zz'), isNotFoundStatus);
    await assert.rejects(c.create(CONFIG_MAPS, 'default', cm('a')), isAlreadyExistsStatus);
    const a = await c.get(CONFIG_MAPS, 'default', 'a');
    await c.update(CONFIG_MAPS, 'default', { ...a, data: { k: '2' } });
    await assert.rejects(c.update(CONFIG_MAPS, 'default', { ...a, data: { k: '3' } }), isConflictStatus);
  });

  test('status and main writes are separated; spec changes bump generation', async () => {
    const c = fake([pod('p', { status: { phase: 'Pending' } })]);
    const p = await c.get(PODS, 'default', 'p');
    assert.equal(p.metadata?.generation, 1);
    const main = await c.update(PODS, 'default', { ...p, spec: { containers: [] }, status: { phase: 'Ignored' } });
    assert.equal((main.status as { phase: string }).phase, 'Pending');
    assert.equal(main.metadata?.generation, 2);
    const st = await c.update(PODS, 'default', { ...main, metadata: { ...main.metadata, labels: { x: 'y' } }, status: { phase: 'Running' } }, { subresource: 'status' });
    assert.equal((st.status as { phase: string }).phase, 'Running');
    assert.equal(st.metadata?.labels, undefined);
  });

  test('finalizers hold a deleted object until the last one is removed', async () => {
    const c = fake([{ ...cm('f'), metadata: { name: 'f', namespace: 'default', finalizers: ['x/y'] } }]);
    const kept = await c.delete(CONFIG_MAPS, 'default', 'f');
    assert.equal(kept?.metadata?.deletionTimestamp, '2024-01-02T03:04:05Z');
    await c.patch(CONFIG_MAPS, 'default', 'f', 'merge', { metadata: { finalizers: null } });
    await assert.rejects(c.get(CONFIG_MAPS, 'default', 'f'), isNotFoundStatus);
    assert.equal(await c.delete(CONFIG_MAPS, 'default', 'f').catch((e: unknown) => (isNotFoundStatus(e) ? 'gone' : e)), 'gone');
  });
});

describe('list and selectors', () => {
  const objects = [cm('a', 'ns1', { app: 'web' }), cm('b', 'ns1', { app: 'db' }), cm('c', 'ns2', { app: 'web' })];
  const cases = [
    { name: 'one namespace', ns: 'ns1', opts: {}, want: ['a', 'b'] },
    { name: 'all namespaces', ns: '', opts: {}, want: ['a', 'b', 'c'] },
    { name: 'label selector', ns: '', opts: { labelSelector: 'app=web' }, want: ['a', 'c'] },
    { name: 'set-based selector', ns: '', opts: { labelSelector: 'app notin (web)' }, want: ['b'] },
    { name: 'field selector on metadata', ns: '', opts: { fieldSelector: 'metadata.namespace=ns2' }, want: ['c'] },
    { name: 'field selector !=', ns: 'ns1', opts: { fieldSelector: 'metadata.name!=a' }, want: ['b'] },
  ];
  for (const tc of cases) {
    test(tc.name, async () => assert.deepEqual(names(await fake(objects).list(CONFIG_MAPS, tc.ns, tc.opts)), tc.want));
  }

  test('field selectors read any path (spec.nodeName)', async () => {
    const c = fake([pod('on', { spec: { containers: [], nodeName: 'n1' } }), pod('off')]);
    assert.deepEqual(names(await c.list(PODS, '', { fieldSelector: 'spec.nodeName=n1' })), ['on']);
    assert.deepEqual(names(await c.list(PODS, '', { fieldSelector: 'spec.nodeName=' })), ['off']);
  });

  test('pagination with limit and continue', async () => {
    const c = fake(['a', 'b', 'c'].map((n) => cm(n)));
    const p1 = await c.list(CONFIG_MAPS, 'default', { limit: 2 });
    assert.deepEqual([names(p1), p1.metadata.remainingItemCount], [['a', 'b'], 1]);
    const p2 = await c.list(CONFIG_MAPS, 'default', { limit: 2, continue: p1.metadata.continue! });
    assert.deepEqual([names(p2), p2.metadata.continue], [['c'], undefined]);
  });
});

describe('patch', () => {
  test('merge patch; strategic treated as merge; JSON patch', async () => {
    const c = fake([cm('p')]);
    assert.deepEqual((await c.patch<ConfigMap>(CONFIG_MAPS, 'default', 'p', 'merge', { data: { k: null, a: '1' } })).data, { a: '1' });
    assert.deepEqual((await c.patch<ConfigMap>(CONFIG_MAPS, 'default', 'p', 'strategic', { data: { b: '2' } })).data, { a: '1', b: '2' });
    assert.deepEqual((await c.patch<ConfigMap>(CONFIG_MAPS, 'default', 'p', 'json', [{ op: 'remove', path: '/data/a' }])).data, { b: '2' });
    await assert.rejects(c.patch(CONFIG_MAPS, 'default', 'p', 'json', [{ op: 'remove', path: '/nope/x' }]), isBadRequestStatus);
  });

  test('a status patch changes status only', async () => {
    const c = fake([pod('s')]);
    const out = await c.patch<Pod>(PODS, 'default', 's', 'merge', { metadata: { labels: { a: 'b' } }, status: { phase: 'Running' } }, { subresource: 'status' });
    assert.deepEqual([out.metadata?.labels, (out.status as { phase: string }).phase], [undefined, 'Running']);
  });

  test('the scale subresource sets spec.replicas', async () => {
    type Scaled = KubeObject & { spec: { replicas: number } };
    const d: Scaled = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { replicas: 1 } };
    const c = fake([d]);
    await c.update(DEPLOYMENTS, 'default', { kind: 'Scale', metadata: { name: 'd' }, spec: { replicas: 5 } }, { subresource: 'scale' });
    assert.equal((await c.get<Scaled>(DEPLOYMENTS, 'default', 'd')).spec.replicas, 5);
  });
});

describe('subresources', () => {
  test('pods/binding binds once; eviction deletes', async () => {
    const c = fake([pod('p')]);
    const body = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p' }, target: { kind: 'Node', name: 'n1' } };
    await c.createSubresource(PODS, 'default', 'p', 'binding', body);
    assert.equal((await c.get<Pod>(PODS, 'default', 'p')).spec?.nodeName, 'n1');
    await assert.rejects(c.createSubresource(PODS, 'default', 'p', 'binding', body), isConflictStatus);
    await c.createSubresource(PODS, 'default', 'p', 'eviction', { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p' } });
    await assert.rejects(c.get(PODS, 'default', 'p'), isNotFoundStatus);
    await assert.rejects(c.createSubresource(NODES, '', 'n', 'proxy', {}), /not supported/);
  });
});

describe('actions and reactors', () => {
  test('every call is recorded with verb, resource, namespace, name, subresource and a copy of the object', async () => {
    const c = fake([pod('p')]);
    const obj = cm('x');
    await c.create(CONFIG_MAPS, 'default', obj);
    obj.data = { changed: 'after' };
    await c.get(PODS, 'default', 'p');
    await c.update(PODS, 'default', { ...(await c.get(PODS, 'default', 'p')), status: { phase: 'Running' } }, { subresource: 'status' });
    await c.delete(CONFIG_MAPS, 'default', 'x');
    const summary = c.actions.map((a) => [a.verb, a.resource, a.namespace, a.name, a.subresource ?? '']);
    assert.deepEqual(summary, [
      ['create', 'configmaps', 'default', 'x', ''],
      ['get', 'pods', 'default', 'p', ''],
      ['get', 'pods', 'default', 'p', ''],
      ['update', 'pods', 'default', 'p', 'status'],
      ['delete', 'configmaps', 'default', 'x', ''],
    ]);
    assert.deepEqual((c.actions[0]!.object as ConfigMap | undefined)?.data, { k: 'v' });
    assert.equal(c.actionsOf('get', 'pods').length, 2);
    c.clearActions();
    assert.equal(c.actions.length, 0);
  });

  test('a prepended reactor fails a call (recorded) and leaves the tracker untouched', async () => {
    const c = fake();
    c.prependReactor('create', 'pods', () => {
      throw newConflict({ group: '', resource: 'pods' }, 'x', 'injected');
    });
    await assert.rejects(c.create(PODS, 'default', pod('x')), isConflictStatus);
    await assert.rejects(c.get(PODS, 'default', 'x'), isNotFoundStatus);
    assert.deepEqual(c.actions.map((a) => a.verb), ['create', 'get']);
    await c.create(CONFIG_MAPS, 'default', cm('other'));
  });

  test('reactors can answer, pass through, and match subresources; newest prepended runs first', async () => {
    const c = fake([pod('p')]);
    const order: string[] = [];
    c.prependReactor('*', '*', () => void order.push('old'));
    c.prependReactor('get', 'pods', (a) => (order.push('new'), a.name === 'fake' ? { result: pod('fake', { status: { phase: 'Injected' } }) } : undefined));
    c.prependReactor('update', 'pods/status', () => ({ result: { kind: 'Pod', metadata: { name: 'answered' } } }));
    assert.equal(((await c.get<Pod>(PODS, 'default', 'fake')).status as { phase: string }).phase, 'Injected');
    assert.equal((await c.get(PODS, 'default', 'p')).metadata?.name, 'p');
    assert.deepEqual(order, ['new', 'new', 'old']);
    const st = await c.update(PODS, 'default', pod('p'), { subresource: 'status' });
    assert.equal(st.metadata?.name, 'answered');
  });
});

describe('watch', () => {
  async function take(it: AsyncIterator<WatchEvent>, n: number): Promise<string[]> {
    const out: string[] = [];
    while (out.length < n) {
      const r = await it.next();
      if (r.done) break;
      out.push(`${r.value.type} ${r.value.object.metadata?.name}`);
    }
    return out;
  }

  test('events from the moment watch() is called, filtered by namespace and selector', async () => {
    const c = fake([cm('old', 'default', { app: 'web' })]);
    const list = await c.list(CONFIG_MAPS, 'default');
    const it = c.watch(CONFIG_MAPS, 'default', { resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=web' })[Symbol.asyncIterator]();
    await c.create(CONFIG_MAPS, 'other', cm('elsewhere', 'other', { app: 'web' }));
    await c.create(CONFIG_MAPS, 'default', cm('db', 'default', { app: 'db' }));
    await c.create(CONFIG_MAPS, 'default', cm('new', 'default', { app: 'web' }));
    await c.patch(CONFIG_MAPS, 'default', 'db', 'merge', { metadata: { labels: { app: 'web' } } });
    await c.patch(CONFIG_MAPS, 'default', 'old', 'merge', { metadata: { labels: { app: 'gone' } } });
    await c.delete(CONFIG_MAPS, 'default', 'new');
    assert.deepEqual(await take(it, 4), ['ADDED new', 'ADDED db', 'DELETED old', 'DELETED new']);
  });

  test('without a resourceVersion current objects come first; a past resourceVersion replays the log', async () => {
    const c = fake([cm('a')]);
    const rv = c.tracker.resourceVersion();
    await c.create(CONFIG_MAPS, 'default', cm('b'));
    assert.deepEqual(await take(c.watch(CONFIG_MAPS, 'default')[Symbol.asyncIterator](), 2), ['ADDED a', 'ADDED b']);
    assert.deepEqual(await take(c.watch(CONFIG_MAPS, 'default', { resourceVersion: rv })[Symbol.asyncIterator](), 1), ['ADDED b']);
  });

  test('abort and stopWatches end the iteration and unregister the watch', async () => {
    const c = fake();
    const ac = new AbortController();
    const it = c.watch(CONFIG_MAPS, 'default', { signal: ac.signal })[Symbol.asyncIterator]();
    const it2 = c.watch(CONFIG_MAPS, 'default', {})[Symbol.asyncIterator]();
    assert.equal(c.tracker.watchCount, 2);
    const pending = it.next();
    ac.abort();
    assert.deepEqual(await pending, { value: undefined, done: true });
    c.tracker.stopWatches();
    assert.deepEqual(await it2.next(), { value: undefined, done: true });
    assert.equal(c.tracker.watchCount, 0);
    assert.equal(c.actionsOf('watch').length, 2);
  });
});
