import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../machinery/clock/clock.js';
import type { ResourceRef } from '../interface.js';
import { createSharedInformerFactory } from './factory.js';
import { ScriptedClient, pod, settle, until } from './testing/scripted-client.js';

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true };
const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true };

test('one informer per resource and options', () => {
  const f = createSharedInformerFactory(new ScriptedClient().client, { clock: new FakeClock() });
  assert.equal(f.informerFor(PODS), f.informerFor(PODS));
  assert.equal(f.informerFor(PODS, { namespace: 'a' }), f.informerFor(PODS, { namespace: 'a' }));
  assert.notEqual(f.informerFor(PODS), f.informerFor(PODS, { namespace: 'a' }));
  assert.notEqual(f.informerFor(PODS), f.informerFor(PODS, { labelSelector: 'app=x' }));
  assert.notEqual(f.informerFor(PODS), f.informerFor(DEPLOYMENTS));
});

test('start runs the informers requested so far and later ones; waitForCacheSync waits for all', async () => {
  const server = new ScriptedClient();
  server.items = [pod('ns', 'a', '1')];
  const f = createSharedInformerFactory(server.client, { clock: new FakeClock(), resyncMs: 0 });
  const pods = f.informerFor(PODS);
  const ac = new AbortController();
  f.start(ac.signal);
  assert.equal(await f.waitForCacheSync(ac.signal), true);
  assert.equal(pods.hasSynced(), true);
  const deps = f.informerFor(DEPLOYMENTS);
  await until(() => deps.hasSynced(), 5000, 'an informer requested after start to sync');
  assert.equal(server.listCalls.length, 2);
  f.start(ac.signal);
  await settle();
  assert.equal(server.listCalls.length, 2, 'a second start does not start informers twice');
  ac.abort();
});

test('waitForCacheSync resolves false when the signal aborts before sync', async () => {
  const server = new ScriptedClient();
  server.listError = new Error('down');
  const f = createSharedInformerFactory(server.client, { clock: new FakeClock() });
  f.informerFor(PODS);
  const ac = new AbortController();
  f.start(ac.signal);
  const synced = f.waitForCacheSync(ac.signal);
  await until(() => server.listCalls.length === 1);
  ac.abort();
  assert.equal(await synced, false);
});

test('the factory passes namespace and selectors to list and watch', async () => {
  const server = new ScriptedClient();
  const f = createSharedInformerFactory(server.client, { clock: new FakeClock(), pageSize: 50 });
  f.informerFor(PODS, { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1' });
  const ac = new AbortController();
  f.start(ac.signal);
  await until(() => server.watches.length === 1);
  assert.deepEqual(server.listCalls[0], { labelSelector: 'app=web', fieldSelector: 'spec.nodeName=n1', limit: 50 });
  assert.equal(server.watches[0]!.opts.labelSelector, 'app=web');
  assert.equal(server.watches[0]!.opts.fieldSelector, 'spec.nodeName=n1');
  ac.abort();
});
