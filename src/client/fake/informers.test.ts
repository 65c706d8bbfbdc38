import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogEntry } from '../../api/catalog.js';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { FakeCluster } from './cluster.js';
import { FakeInformerFactory } from './informers.js';
import { RecordingQueue } from './recording-queue.js';

const CONFIG_MAPS = catalogEntry('', 'configmaps')!;
const cm = (name: string, data: Record<string, string> = {}): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' }, data });

test('a handler added late first receives the cached objects as adds', () => {
  const inf = new FakeInformerFactory().informerFor(CONFIG_MAPS);
  inf.set(cm('a'));
  const seen: string[] = [];
  inf.addEventHandler({ onAdd: (o) => seen.push(`add ${o.metadata?.name}`) });
  inf.set(cm('b'));
  assert.deepEqual(seen, ['add a', 'add b']);
});

test('mirror catches the caches up with the tracker: removals, then adds and changes; unchanged objects are not redelivered', () => {
  const c = new FakeCluster();
  c.seed(cm('keep'), cm('change'), cm('drop'));
  const inf = c.factory.informerFor(CONFIG_MAPS);
  assert.deepEqual(inf.lister.list('ns').map((o) => o.metadata?.name).sort(), ['change', 'drop', 'keep'], 'a new informer starts listed');
  const seen: string[] = [];
  inf.addEventHandler({
    onAdd: (o) => seen.push(`add ${o.metadata?.name}`),
    onUpdate: (_old, cur) => seen.push(`update ${cur.metadata?.name}`),
    onDelete: (o) => seen.push(`delete ${o.metadata?.name}`),
  });
  seen.length = 0;
  c.client.tracker.delete(CONFIG_MAPS, 'ns', 'drop');
  c.mutate(CONFIG_MAPS, 'ns', 'change', (o) => void ((o as { data?: Record<string, string> }).data = { k: 'v' }));
  c.seed(cm('new'));
  assert.deepEqual(seen, ['delete drop', 'update change', 'add new']);
  assert.deepEqual(c.writes(), [], 'seed and mutate are not the controller’s writes');
});

test('the cluster records events and writes', async () => {
  const c = new FakeCluster();
  const ctx = c.ctx();
  await ctx.client.create(CONFIG_MAPS, 'ns', cm('x'));
  ctx.recorder.event(cm('x'), 'Normal', 'Made', 'made x');
  assert.deepEqual(c.writes(), ['create configmaps x']);
  assert.deepEqual(c.events, [{ object: 'ns/x', type: 'Normal', reason: 'Made', message: 'made x' }]);
});

test('the recording queue deduplicates pending keys and records delayed and rate-limited adds', async () => {
  const q = new RecordingQueue();
  q.add('a');
  q.add('a');
  q.addAfter('b', 10);
  q.addRateLimited('c');
  assert.deepEqual([...q.pending], ['a']);
  assert.equal(await q.get(), 'a');
  assert.equal(q.take(), undefined);
  assert.deepEqual([q.added, q.delayed, q.rateLimited], [['a', 'a'], [{ key: 'b', ms: 10 }], ['c']]);
});
