/** Watches through the REST client against the real API server over the loopback socket. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startLoopbackApi, type LoopbackApi } from '../../registry/testing/loopback-api.js';
import { isBadRequestStatus } from '../../machinery/errors/status.js';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { WatchEvent } from '../interface.js';
import { CONFIG_MAPS, NAMESPACES } from '../resources.js';
import type { RestClient } from './client.js';
import type { Transport } from './transport.js';

let api: LoopbackApi;
let transport: Transport;
let client: RestClient;
let nsCount = 0;

before(async () => {
  api = await startLoopbackApi('k8ts-restw-');
  ({ client, transport } = api);
});
after(() => api.close());

async function namespace(): Promise<string> {
  const name = `w-${++nsCount}`;
  await client.create(NAMESPACES, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

const cm = (name: string, data: Record<string, string> = { k: 'v' }, labels: Record<string, string> = { w: 'yes' }): ConfigMap => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
  data,
});

const summary = (e: WatchEvent) => `${e.type} ${e.object.metadata?.name}`;

test('events arrive in order from the list resourceVersion; abort ends the iteration', { timeout: 10_000 }, async () => {
  const ns = await namespace();
  const list = await client.list(CONFIG_MAPS, ns);
  const ac = new AbortController();
  const it = client.watch(CONFIG_MAPS, ns, { resourceVersion: list.metadata.resourceVersion, labelSelector: 'w=yes', signal: ac.signal })[Symbol.asyncIterator]();
  const first = it.next();
  await client.create(CONFIG_MAPS, ns, cm('a'));
  await client.patch(CONFIG_MAPS, ns, 'a', 'merge', { data: { k: 'w' } });
  await client.create(CONFIG_MAPS, ns, cm('b'));
  await client.delete(CONFIG_MAPS, ns, 'a');
  const seen = [summary((await first).value)];
  while (seen.length < 4) seen.push(summary((await it.next()).value));
  assert.deepEqual(seen, ['ADDED a', 'MODIFIED a', 'ADDED b', 'DELETED a']);
  const pending = it.next();
  ac.abort();
  assert.deepEqual(await pending, { value: undefined, done: true });
});

test('without a resourceVersion the current objects come first as ADDED', { timeout: 10_000 }, async () => {
  const ns = await namespace();
  await client.create(CONFIG_MAPS, ns, cm('x'));
  await client.create(CONFIG_MAPS, ns, cm('y'));
  const ac = new AbortController();
  const seen: string[] = [];
  for await (const ev of client.watch(CONFIG_MAPS, ns, { labelSelector: 'w=yes', signal: ac.signal })) {
    seen.push(summary(ev));
    if (seen.length === 2) ac.abort();
  }
  assert.deepEqual(seen.sort(), ['ADDED x', 'ADDED y']);
});

test('leaving the loop early closes the stream (the server sees the watch end)', { timeout: 10_000 }, async () => {
  const ns = await namespace();
  await client.create(CONFIG_MAPS, ns, cm('only'));
  for await (const ev of client.watch(CONFIG_MAPS, ns, {})) {
    assert.equal(ev.type, 'ADDED');
    break;
  }
  // The transport still serves requests: the watch's socket was not leaked into the request pool.
  assert.equal((await client.get(CONFIG_MAPS, ns, 'only')).metadata?.name, 'only');
});

test('the server ending the watch (timeoutSeconds) ends the iteration', { timeout: 10_000 }, async () => {
  const ns = await namespace();
  const seen: string[] = [];
  for await (const ev of client.watch(CONFIG_MAPS, ns, { timeoutSeconds: 1, labelSelector: 'w=yes' })) seen.push(summary(ev));
  assert.deepEqual(seen, []);
});

test('a rejected watch throws the StatusError (400 for a malformed resourceVersion)', { timeout: 10_000 }, async () => {
  const iterate = async () => {
    for await (const ev of client.watch(CONFIG_MAPS, 'default', { resourceVersion: 'not-a-number' })) void ev;
  };
  await assert.rejects(iterate(), isBadRequestStatus);
});

test('an already aborted signal yields nothing and sends nothing', async () => {
  const ac = new AbortController();
  ac.abort();
  const seen: unknown[] = [];
  for await (const ev of client.watch(CONFIG_MAPS, 'default', { signal: ac.signal, resourceVersion: 'bad' })) seen.push(ev);
  assert.deepEqual(seen, []);
});
