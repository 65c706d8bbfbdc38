import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import { newResourceExpired, newGone } from '../../machinery/errors/status.js';
import type { KubeObject, ResourceRef } from '../interface.js';
import type { ResourceEventHandler } from './interface.js';
import { SharedIndexInformer, type SharedIndexInformerOptions } from './shared-informer.js';
import { ScriptedClient, ScriptedWatch, pod, settle, until } from './testing/scripted-client.js';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };

/** Records handler calls as strings: `add ns/name@rv`, `update ns/name@rv->rv`, `delete ns/name@rv`. */
function recorder(): { calls: string[]; handler: ResourceEventHandler } {
  const calls: string[] = [];
  const id = (o: Readonly<KubeObject>) => `${o.metadata?.namespace}/${o.metadata?.name}@${o.metadata?.resourceVersion}`;
  return {
    calls,
    handler: {
      onAdd: (o) => calls.push(`add ${id(o)}`),
      onUpdate: (a, b) => calls.push(`update ${id(a)}->${b.metadata?.resourceVersion}`),
      onDelete: (o) => calls.push(`delete ${id(o)}`),
    },
  };
}

interface Rig {
  clock: FakeClock;
  server: ScriptedClient;
  informer: SharedIndexInformer;
  rec: ReturnType<typeof recorder>;
  ac: AbortController;
  done: Promise<void>;
}

async function start(items: KubeObject[], opts: Partial<SharedIndexInformerOptions> = {}): Promise<Rig> {
  const clock = new FakeClock();
  const server = new ScriptedClient();
  server.items = items;
  server.listRV = '10';
  const informer = new SharedIndexInformer(server.client, PODS, { clock, ...opts });
  const rec = recorder();
  informer.addEventHandler(rec.handler);
  const ac = new AbortController();
  const done = informer.run(ac.signal);
  await until(() => server.watches.length === 1, 5000, 'the first watch');
  return { clock, server, informer, rec, ac, done };
}

async function stop(rig: Rig): Promise<void> {
  rig.ac.abort();
  await rig.done;
}

test('lists in pages of 500, syncs, then watches from the list RV with bookmarks', async () => {
  const items = Array.from({ length: 1203 }, (_, i) => pod('ns', `p-${i}`, `${i + 1}`));
  const rig = await start(items);
  assert.deepEqual(
    rig.server.listCalls.map((c) => [c.limit, c.continue]),
    [[500, undefined], [500, '500'], [500, '1000']],
  );
  assert.equal(rig.informer.hasSynced(), true);
  assert.equal(rig.rec.calls.length, 1203);
  assert.equal(rig.informer.lister.list('ns').length, 1203);
  const w = rig.server.watches[0]!.opts;
  assert.equal(w.resourceVersion, '10');
  assert.equal(w.allowWatchBookmarks, true);
  await stop(rig);
  assert.equal(rig.server.watches[0]!.closed, true, 'the watch is closed on abort');
});

test('watch events reach the cache and the handlers in order', async () => {
  const rig = await start([pod('ns', 'a', '5')]);
  rig.rec.calls.length = 0;
  const w = rig.server.watches[0]!;
  w.push('ADDED', pod('ns', 'b', '11')).push('MODIFIED', pod('ns', 'a', '12')).push('DELETED', pod('ns', 'b', '13'));
  await until(() => rig.rec.calls.length === 3);
  assert.deepEqual(rig.rec.calls, ['add ns/b@11', 'update ns/a@5->12', 'delete ns/b@13']);
  assert.equal(rig.informer.lister.get('ns', 'a')?.metadata?.resourceVersion, '12');
  assert.equal(rig.informer.lister.get('ns', 'b'), undefined);
  assert.equal(rig.informer.lastSyncResourceVersion, '13');
  await stop(rig);
});

test('a watch that ends re-watches from the last RV, a bookmark advancing it, without relisting', async () => {
  const rig = await start([]);
  const w = rig.server.watches[0]!;
  w.push('ADDED', pod('ns', 'a', '11')).push('BOOKMARK', { kind: 'Pod', metadata: { resourceVersion: '20' } }).end();
  await until(() => rig.server.watches.length === 2, 5000, 'the second watch');
  assert.equal(rig.server.watches[1]!.opts.resourceVersion, '20');
  assert.equal(rig.server.listCalls.length, 1);
  assert.deepEqual(rig.rec.calls, ['add ns/a@11'], 'a bookmark is not an event for handlers');
  await stop(rig);
});

const relistCases: { name: string; fail: (w: ScriptedWatch) => void }[] = [
  { name: 'an ERROR 410 Expired event', fail: (w) => w.push('ERROR', newResourceExpired('too old resource version').status) },
  { name: 'an ERROR 410 Gone event', fail: (w) => w.push('ERROR', newGone('gone').status) },
  { name: 'a failing watch (transport error)', fail: (w) => w.fail(new Error('connection reset')) },
];

for (const c of relistCases) {
  test(`${c.name} relists after 800 ms and reports the delta as adds, updates and deletes`, async () => {
    const rig = await start([pod('ns', 'keep', '1'), pod('ns', 'change', '2'), pod('ns', 'vanish', '3')]);
    rig.rec.calls.length = 0;
    rig.server.items = [pod('ns', 'keep', '1'), pod('ns', 'change', '7'), pod('ns', 'new', '8')];
    rig.server.listRV = '30';
    c.fail(rig.server.watches[0]!);
    await until(() => rig.server.watches[0]!.closed, 5000, 'the watch to close');
    rig.clock.step(799);
    await settle();
    assert.equal(rig.server.listCalls.length, 1, 'no relist before the backoff');
    rig.clock.step(1);
    await until(() => rig.server.watches.length === 2, 5000, 'the watch after the relist');
    assert.equal(rig.server.listCalls.length, 2);
    assert.deepEqual(rig.rec.calls.sort(), ['add ns/new@8', 'delete ns/vanish@3', 'update ns/change@2->7']);
    assert.equal(rig.server.watches[1]!.opts.resourceVersion, '30');
    assert.deepEqual(rig.informer.lister.list().map((p) => p.metadata?.name).sort(), ['change', 'keep', 'new']);
    await stop(rig);
  });
}

test('repeated failures back off 0.8 s, 1.6 s, 3.2 s … capped at 30 s', async () => {
  const rig = await start([]);
  const waits: number[] = [];
  for (let i = 0; i < 7; i++) {
    const before = rig.server.listCalls.length;
    rig.server.watches.at(-1)!.fail(new Error('boom'));
    await until(() => rig.server.watches.at(-1)!.closed);
    let waited = 0;
    while (rig.server.listCalls.length === before) {
      rig.clock.step(100);
      waited += 100;
      await settle(2);
    }
    waits.push(waited);
    await until(() => rig.server.watches.length === i + 2);
  }
  assert.deepEqual(waits, [800, 1600, 3200, 6400, 12800, 25600, 30000]);
  await stop(rig);
});

test('a list that fails is retried after the backoff', async () => {
  const clock = new FakeClock();
  const server = new ScriptedClient();
  server.listError = new Error('connection refused');
  const informer = new SharedIndexInformer(server.client, PODS, { clock });
  const ac = new AbortController();
  const done = informer.run(ac.signal);
  await until(() => server.listCalls.length === 1);
  await settle();
  assert.equal(informer.hasSynced(), false);
  clock.step(800);
  await until(() => informer.hasSynced());
  ac.abort();
  await done;
});

test('a watch that ends at once with no event counts as a failure (relist after backoff, no spin)', async () => {
  const rig = await start([]);
  rig.server.watches[0]!.end();
  await settle();
  assert.equal(rig.server.watches.length, 1, 'not re-watched at once');
  rig.clock.step(800);
  await until(() => rig.server.watches.length === 2);
  assert.equal(rig.server.listCalls.length, 2);
  await stop(rig);
});

test('a handler added after sync first gets an add for every cached object', async () => {
  const rig = await start([pod('ns', 'a', '1'), pod('ns', 'b', '2')]);
  const late = recorder();
  rig.informer.addEventHandler(late.handler);
  assert.deepEqual(late.calls.sort(), ['add ns/a@1', 'add ns/b@2']);
  rig.server.watches[0]!.push('MODIFIED', pod('ns', 'a', '3'));
  await until(() => late.calls.length === 3);
  assert.equal(late.calls[2], 'update ns/a@1->3');
  await stop(rig);
});

test('a throwing handler does not stop the others', async () => {
  const rig = await start([]);
  rig.informer.addEventHandler({ onAdd: () => { throw new Error('bad handler'); } });
  const after = recorder();
  rig.informer.addEventHandler(after.handler);
  rig.server.watches[0]!.push('ADDED', pod('ns', 'a', '11'));
  await until(() => after.calls.length === 1);
  assert.deepEqual(rig.rec.calls, ['add ns/a@11']);
  await stop(rig);
});

test('resync calls onUpdate(obj, obj) for every object every resyncMs on the clock', async () => {
  const rig = await start([pod('ns', 'a', '1'), pod('ns', 'b', '2')], { resyncMs: 1000 });
  rig.rec.calls.length = 0;
  rig.clock.step(999);
  assert.deepEqual(rig.rec.calls, []);
  rig.clock.step(1);
  assert.deepEqual(rig.rec.calls.sort(), ['update ns/a@1->1', 'update ns/b@2->2']);
  rig.clock.step(1000);
  assert.equal(rig.rec.calls.length, 4);
  await stop(rig);
  rig.clock.step(5000);
  assert.equal(rig.rec.calls.length, 4, 'no resync after stop');
});

test('a custom indexer follows adds, moves and deletes (pods by spec.nodeName)', async () => {
  const clock = new FakeClock();
  const server = new ScriptedClient();
  server.items = [pod('ns', 'a', '1', 'n1'), pod('ns', 'b', '2', 'n1'), pod('ns', 'c', '3', 'n2')];
  const informer = new SharedIndexInformer(server.client, PODS, { clock });
  informer.addIndexer('nodeName', (p) => [String((p as { spec?: { nodeName?: string } }).spec?.nodeName ?? '')]);
  const ac = new AbortController();
  const done = informer.run(ac.signal);
  await until(() => server.watches.length === 1);
  const names = (node: string) => informer.lister.byIndex('nodeName', node).map((p) => p.metadata?.name).sort();
  assert.deepEqual(names('n1'), ['a', 'b']);
  server.watches[0]!.push('MODIFIED', pod('ns', 'b', '4', 'n2')).push('DELETED', pod('ns', 'c', '5', 'n2'));
  await until(() => informer.lastSyncResourceVersion === '5');
  assert.deepEqual(names('n1'), ['a']);
  assert.deepEqual(names('n2'), ['b']);
  ac.abort();
  await done;
});

test('whenSynced resolves false when the signal aborts first', async () => {
  const server = new ScriptedClient();
  const informer = new SharedIndexInformer(server.client, PODS, { clock: new FakeClock() });
  const ac = new AbortController();
  const p = informer.whenSynced(ac.signal);
  ac.abort();
  assert.equal(await p, false);
});
