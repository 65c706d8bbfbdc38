/** Label and field selectors on list, watch and deletecollection; unsupported fields → 400. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBackends } from './support/backends.js';
import { assertOk, assertStatus, configMap, nsPath, pod } from './support/objects.js';

const MERGE = { 'Content-Type': 'application/merge-patch+json' };

// a: env=prod,tier=web  b: env=dev,tier=web  c: env=prod  d: (none)
const LABELS: Record<string, Record<string, string> | undefined> = {
  a: { env: 'prod', tier: 'web' },
  b: { env: 'dev', tier: 'web' },
  c: { env: 'prod' },
  d: undefined,
};

const labelCases: [string, string[]][] = [
  ['env=prod', ['a', 'c']],
  ['env==prod', ['a', 'c']],
  ['env!=prod', ['b', 'd']],
  ['env in (dev,qa)', ['b']],
  ['env notin (dev)', ['a', 'c', 'd']],
  ['tier', ['a', 'b']],
  ['!tier', ['c', 'd']],
  ['env=prod,tier=web', ['a']],
  ['env=prod,!tier', ['c']],
];

const names = (list: any): string[] => list.items.map((o: any) => o.metadata.name).sort();
const q = (s: string): string => encodeURIComponent(s);

describeBackends('selectors', (b) => {
  async function seedLabelled(ns: string): Promise<void> {
    for (const [n, labels] of Object.entries(LABELS)) assertOk(await b.server.request('POST', nsPath(ns, 'configmaps'), configMap(n, {}, labels)), 201);
  }

  test('label selectors on list', async () => {
    const ns = await b.namespace();
    await seedLabelled(ns);
    for (const [sel, want] of labelCases) {
      assert.deepEqual(names(assertOk(await b.server.request('GET', `${nsPath(ns, 'configmaps')}?labelSelector=${q(sel)}`))), want, sel);
    }
  });

  test('label selectors on watch (initial ADDED set)', async () => {
    const ns = await b.namespace();
    await seedLabelled(ns);
    for (const [sel, want] of labelCases) {
      const w = await b.server.watch(`${nsPath(ns, 'configmaps')}?watch=true&labelSelector=${q(sel)}`);
      try {
        const evs = await w.take(want.length);
        assert.deepEqual(evs.map((e) => e.object.metadata.name).sort(), want, sel);
        // A marker that matches every selector would be ambiguous; instead, check nothing else is pending now.
        assertOk(await b.server.request('PATCH', nsPath(ns, 'configmaps', 'a'), { data: { touch: sel } }, MERGE));
        if (want.includes('a')) assert.equal((await w.next())?.type, 'MODIFIED', sel);
      } finally {
        w.close();
      }
    }
  });

  test('label selector on deletecollection deletes only the selection', async () => {
    const ns = await b.namespace();
    await seedLabelled(ns);
    const res = assertOk(await b.server.request('DELETE', `${nsPath(ns, 'configmaps')}?labelSelector=${q('env=prod')}`));
    assert.deepEqual(names(res), ['a', 'c']);
    assert.deepEqual(names(assertOk(await b.server.request('GET', nsPath(ns, 'configmaps')))), ['b', 'd']);
  });

  test('an invalid label selector → 400', async () => {
    const ns = await b.namespace();
    assertStatus(await b.server.request('GET', `${nsPath(ns, 'configmaps')}?labelSelector=${q('env in (')}`), 400, 'BadRequest');
  });

  async function seedPods(ns: string): Promise<void> {
    for (const n of ['p1', 'p2', 'p3']) assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod(n)), 201);
    const bind = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p1' }, target: { kind: 'Node', name: 'node-a' } };
    assertStatus(await b.server.request('POST', `${nsPath(ns, 'pods', 'p1')}/binding`, bind), 201);
    assertOk(await b.server.request('PATCH', `${nsPath(ns, 'pods', 'p2')}/status`, { status: { phase: 'Running' } }, MERGE));
  }

  test('field selectors on list: metadata.name, metadata.namespace, spec.nodeName, status.phase', async () => {
    const ns = await b.namespace();
    const other = await b.namespace();
    await seedPods(ns);
    assertOk(await b.server.request('POST', nsPath(other, 'pods'), pod('p1')), 201);
    const cases: [string, string, string[]][] = [
      [nsPath(ns, 'pods'), 'metadata.name=p2', ['p2']],
      [nsPath(ns, 'pods'), 'metadata.name!=p2', ['p1', 'p3']],
      ['/api/v1/pods', `metadata.namespace=${other}`, ['p1']],
      [nsPath(ns, 'pods'), 'spec.nodeName=node-a', ['p1']],
      [nsPath(ns, 'pods'), 'spec.nodeName=', ['p2', 'p3']],
      [nsPath(ns, 'pods'), 'status.phase=Running', ['p2']],
      [nsPath(ns, 'pods'), 'status.phase!=Running,spec.nodeName=', ['p3']],
      [nsPath(ns, 'configmaps'), 'metadata.name=none', []],
    ];
    for (const [path, sel, want] of cases) {
      assert.deepEqual(names(assertOk(await b.server.request('GET', `${path}?fieldSelector=${q(sel)}`))), want, `${path} ${sel}`);
    }
  });

  test('field selector on watch: a pod that gets bound enters spec.nodeName=node-a', async () => {
    const ns = await b.namespace();
    assertOk(await b.server.request('POST', nsPath(ns, 'pods'), pod('late')), 201);
    const list = assertOk(await b.server.request('GET', nsPath(ns, 'pods')));
    const w = await b.server.watch(`${nsPath(ns, 'pods')}?watch=true&fieldSelector=${q('spec.nodeName=node-a')}&resourceVersion=${list.metadata.resourceVersion}`);
    try {
      const bind = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'late' }, target: { kind: 'Node', name: 'node-a' } };
      assertStatus(await b.server.request('POST', `${nsPath(ns, 'pods', 'late')}/binding`, bind), 201);
      const ev = await w.next();
      assert.equal(`${ev?.type} ${ev?.object.metadata.name}`, 'ADDED late');
      assertOk(await b.server.request('DELETE', `${nsPath(ns, 'pods', 'late')}?gracePeriodSeconds=0`));
      const gone = await w.next();
      assert.equal(`${gone?.type} ${gone?.object.metadata.name}`, 'DELETED late');
    } finally {
      w.close();
    }
  });

  test('field selector on deletecollection', async () => {
    const ns = await b.namespace();
    await seedPods(ns);
    assertOk(await b.server.request('DELETE', `${nsPath(ns, 'pods')}?fieldSelector=${q('status.phase=Running')}`));
    assert.deepEqual(names(assertOk(await b.server.request('GET', nsPath(ns, 'pods')))), ['p1', 'p3']);
  });

  const unsupported: [string, string][] = [
    ['list', ''],
    ['watch', '&watch=true'],
    ['deletecollection', ''],
  ];
  for (const [verb, extra] of unsupported) {
    test(`an unsupported field on ${verb} → 400 field label not supported`, async () => {
      const ns = await b.namespace();
      const method = verb === 'deletecollection' ? 'DELETE' : 'GET';
      const st = assertStatus(await b.server.request(method, `${nsPath(ns, 'configmaps')}?fieldSelector=${q('spec.bogus=x')}${extra}`), 400, 'BadRequest');
      assert.match(st.message, /field label not supported: spec\.bogus/);
    });
  }
});
