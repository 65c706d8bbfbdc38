import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../interface.js';
import { NAMESPACE_INDEX } from './interface.js';
import { createLister } from './lister.js';
import { IndexedStore } from './store.js';
import { pod } from './testing/scripted-client.js';

const byNode = (p: Readonly<KubeObject>): string[] => {
  const n = (p as { spec?: { nodeName?: string } }).spec?.nodeName;
  return n ? [n] : [];
};
const names = (objs: readonly Readonly<KubeObject>[]): string[] => objs.map((o) => o.metadata?.name ?? '').sort();

function filled(): IndexedStore {
  const s = new IndexedStore();
  s.addIndexer('node', byNode);
  for (const p of [pod('a', 'web-1', '1', 'n1'), pod('a', 'web-2', '2', 'n2'), pod('b', 'db-1', '3', 'n1'), pod('b', 'job-1', '4')]) s.upsert(p);
  s.upsert({ metadata: { name: 'node-x', resourceVersion: '5' } });
  return s;
}

const cases: { name: string; run: (s: IndexedStore) => void }[] = [
  { name: 'get by key, cluster-scoped by name', run: (s) => {
    assert.equal(s.get('a/web-1')?.metadata?.resourceVersion, '1');
    assert.equal(s.get('node-x')?.metadata?.resourceVersion, '5');
    assert.equal(s.size, 5);
  } },
  { name: 'the namespace index always exists', run: (s) => {
    assert.deepEqual(names(s.byIndex(NAMESPACE_INDEX, 'b')), ['db-1', 'job-1']);
    assert.deepEqual(names(s.byIndex(NAMESPACE_INDEX, '')), ['node-x']);
  } },
  { name: 'a custom index, with no value for an unbound pod', run: (s) => {
    assert.deepEqual(names(s.byIndex('node', 'n1')), ['db-1', 'web-1']);
    assert.deepEqual(names(s.byIndex('node', '')), []);
  } },
  { name: 'an update moves the object between index values', run: (s) => {
    const old = s.upsert(pod('a', 'web-1', '6', 'n2'));
    assert.equal(old?.metadata?.resourceVersion, '1');
    assert.deepEqual(names(s.byIndex('node', 'n1')), ['db-1']);
    assert.deepEqual(names(s.byIndex('node', 'n2')), ['web-1', 'web-2']);
  } },
  { name: 'a delete leaves every index', run: (s) => {
    assert.equal(s.delete('b/db-1')?.metadata?.name, 'db-1');
    assert.equal(s.delete('b/db-1'), undefined);
    assert.deepEqual(names(s.byIndex('node', 'n1')), ['web-1']);
    assert.deepEqual(names(s.byIndex(NAMESPACE_INDEX, 'b')), ['job-1']);
  } },
  { name: 'an indexer added to a filled store is built at once', run: (s) => {
    s.addIndexer('app', (p) => [p.metadata?.labels?.app ?? '']);
    assert.deepEqual(names(s.byIndex('app', 'web')), ['web-1', 'web-2']);
  } },
  { name: 'a duplicate or unknown index is an error', run: (s) => {
    assert.throws(() => s.addIndexer('node', byNode), /already exists/);
    assert.throws(() => s.byIndex('nope', 'x'), /does not exist/);
  } },
  { name: 'lister: get, list all, list one namespace, list with a label filter', run: (s) => {
    const l = createLister(s);
    assert.equal(l.get('a', 'web-2')?.metadata?.name, 'web-2');
    assert.equal(l.get('', 'node-x')?.metadata?.name, 'node-x');
    assert.equal(l.list().length, 5);
    assert.equal(l.list('').length, 5, "'' is all namespaces, as upstream's NamespaceAll");
    assert.deepEqual(names(l.list('a')), ['web-1', 'web-2']);
    assert.deepEqual(names(l.list(undefined, (lb) => lb.app === 'web')), ['web-1', 'web-2']);
    assert.deepEqual(names(l.list('b', (lb) => lb.app === 'web')), []);
    assert.deepEqual(names(l.byIndex('node', 'n2')), ['web-2']);
  } },
];

for (const c of cases) test(`store: ${c.name}`, () => c.run(filled()));

test('store perf sanity: 100,000 adds then 100,000 updates with two indices', (t) => {
  const s = new IndexedStore();
  s.addIndexer('node', byNode);
  const n = 100_000;
  const objs = Array.from({ length: n }, (_, i) => pod(`ns-${i % 100}`, `p-${i}`, '1', `node-${i % 1000}`));
  const t0 = performance.now();
  for (const o of objs) s.upsert(o);
  const t1 = performance.now();
  for (let i = 0; i < n; i++) s.upsert(pod(`ns-${i % 100}`, `p-${i}`, '2', `node-${(i + 1) % 1000}`));
  const t2 = performance.now();
  t.diagnostic(`100k adds ${(t1 - t0).toFixed(0)} ms, 100k updates (each moving node) ${(t2 - t1).toFixed(0)} ms`);
  assert.equal(s.size, n);
  assert.equal(s.byIndex('node', 'node-1').length, 100);
  assert.equal(s.byIndex(NAMESPACE_INDEX, 'ns-7').length, 1000);
});
