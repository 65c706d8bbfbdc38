import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from '../../../client/interface.js';
import { CONFIG_MAPS, SECRETS, SERVICES } from '../../../client/resources.js';
import { FakeClock } from '../../../machinery/clock/clock.js';
import { newServiceUnavailable } from '../../../machinery/errors/status.js';
import { StubClient } from '../../testing/stub-client.js';
import { ClientConfigSource } from './client-source.js';
import { configMap, secret, service } from './testing.js';

async function seeded(): Promise<StubClient> {
  const client = new StubClient(new FakeClock());
  await client.create(CONFIG_MAPS, 'ns1', configMap('ns1', 'cm', { A: '1' }));
  await client.create(SECRETS, 'ns1', secret('ns1', 'sec', { P: 'x' }));
  await client.create(SERVICES, 'ns1', service('ns1', 'api', '10.96.0.3', [{ port: 80 }]));
  await client.create(SERVICES, 'ns2', service('ns2', 'other', '10.96.0.4', [{ port: 80 }]));
  return client;
}

test('ClientConfigSource: reads ConfigMaps, Secrets and a namespace’s Services; absent objects are undefined', async () => {
  const src = new ClientConfigSource(await seeded());
  assert.deepEqual((await src.configMap('ns1', 'cm'))?.data, { A: '1' });
  assert.equal((await src.secret('ns1', 'sec'))?.data?.P, Buffer.from('x').toString('base64'));
  assert.deepEqual((await src.services('ns1')).map((s) => s.metadata?.name), ['api']);
  assert.equal(await src.configMap('ns1', 'absent'), undefined);
  assert.equal(await src.secret('ns2', 'sec'), undefined);
  assert.deepEqual(await src.services('empty'), []);
});

test('ClientConfigSource: errors other than NotFound reject', async () => {
  const failing = { get: async () => Promise.reject(newServiceUnavailable('down')) } as unknown as Client;
  await assert.rejects(new ClientConfigSource(failing).configMap('ns1', 'cm'), /down/);
});
