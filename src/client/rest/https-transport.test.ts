/** The HTTPS transport from a kubeconfig, against the real secure listener and API server. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { openSqliteStore } from '../../storage/sqlite/sqlite-store.js';
import { createApiServer } from '../../registry/apiserver.js';
import { STRATEGIES } from '../../registry/strategies.js';
import { startSecureServer, type SecureServer } from '../../apiserver/server/https.js';
import { nopLogger } from '../../machinery/log/logger.js';
import { isNotFoundStatus } from '../../machinery/errors/status.js';
import { ensurePki, type Pki } from '../../pki/bundle.js';
import { adminKubeconfig, serverURL } from '../kubeconfig/admin.js';
import { writeKubeconfig } from '../kubeconfig/file.js';
import { emptyKubeconfig } from '../kubeconfig/types.js';
import { CONFIG_MAPS } from '../resources.js';
import { RestClient } from './client.js';
import { httpsTransport } from './https-transport.js';
import { loadRestConfig, restConfigFromKubeconfig } from './rest-config.js';

let dir: string;
let pki: Pki;
let server: SecureServer;
let closeStore: () => Promise<void>;
let kubeconfigPath: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k8ts-https-client-'));
  pki = await ensurePki({ dir: join(dir, 'pki'), hostname: 'test' });
  const store = openSqliteStore({ path: ':memory:' });
  closeStore = () => store.close();
  const wired = createApiServer({ store, strategies: STRATEGIES, endpoint: { host: '127.0.0.1', port: 6443, clusterIP: '10.96.0.1' } });
  await wired.bootstrap();
  server = await startSecureServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
    logger: nopLogger,
    handler: wired.server.handle,
  });
  kubeconfigPath = join(dir, 'kubeconfig');
  const url = serverURL('127.0.0.1', server.address.port);
  await writeKubeconfig(kubeconfigPath, adminKubeconfig({ server: url, caPem: pki.ca.certPem, certPem: pki.admin.certPem, keyPem: pki.admin.keyPem }));
});
after(async () => {
  await server.close();
  await closeStore();
  await rm(dir, { recursive: true, force: true });
});

test('CRUD and a watch over HTTPS with the admin client certificate', { timeout: 15_000 }, async () => {
  const transport = httpsTransport(await loadRestConfig(kubeconfigPath));
  const client = new RestClient(transport);
  try {
    const rv = (await client.list(CONFIG_MAPS, 'default')).metadata.resourceVersion;
    const ac = new AbortController();
    const events = client.watch(CONFIG_MAPS, 'default', { resourceVersion: rv, signal: ac.signal })[Symbol.asyncIterator]();
    const first = events.next();
    await client.create(CONFIG_MAPS, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tls' }, data: { a: 'b' } });
    const ev = (await first).value;
    assert.equal(ev?.type, 'ADDED');
    assert.equal(ev?.object.metadata?.name, 'tls');
    assert.deepEqual((await client.get<ConfigMap>(CONFIG_MAPS, 'default', 'tls')).data, { a: 'b' });
    await client.delete(CONFIG_MAPS, 'default', 'tls');
    await assert.rejects(client.get(CONFIG_MAPS, 'default', 'tls'), isNotFoundStatus);
    ac.abort();
    assert.equal((await events.next()).done, true);
  } finally {
    transport.close();
  }
});

test('no client certificate → 401 Unauthorized as a StatusError', async () => {
  const cfg = await loadRestConfig(kubeconfigPath);
  const transport = httpsTransport({ server: cfg.server, caPem: cfg.caPem! });
  try {
    await assert.rejects(new RestClient(transport).get(CONFIG_MAPS, 'default', 'x'), (e: unknown) => (e as { code?: number }).code === 401);
  } finally {
    transport.close();
  }
});

test('a server certificate from another CA is refused', async () => {
  const other = await ensurePki({ dir: join(dir, 'other'), hostname: 'test' });
  const cfg = await loadRestConfig(kubeconfigPath);
  const transport = httpsTransport({ ...cfg, caPem: other.ca.certPem });
  try {
    await assert.rejects(new RestClient(transport).get(CONFIG_MAPS, 'default', 'x'), /certificate/i);
  } finally {
    transport.close();
  }
});

test('file references are read relative to the kubeconfig; a token becomes a Bearer header', async () => {
  await writeFile(join(dir, 'ca.crt'), pki.ca.certPem);
  const cfg = {
    ...emptyKubeconfig(),
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:1/prefix/', 'certificate-authority': 'ca.crt' } }],
    users: [{ name: 'u', user: { token: 'secret-token' } }],
    contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'x',
  };
  const rc = await restConfigFromKubeconfig(cfg, { baseDir: dir });
  assert.equal(rc.caPem, pki.ca.certPem);
  assert.equal(rc.token, 'secret-token');
  await assert.rejects(restConfigFromKubeconfig(cfg, { context: 'nope' }), /context "nope" not found/);
});

test('plain http: path prefix, bearer token, and the per-request timeout', { timeout: 10_000 }, async () => {
  const seen: Array<{ url?: string; auth?: string }> = [];
  const plain: Server = createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    if (req.url?.includes('/hang')) return; // never answers
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"kind":"ConfigMap","metadata":{"name":"p"}}');
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const port = (plain.address() as AddressInfo).port;
  const transport = httpsTransport({ server: `http://127.0.0.1:${port}/prefix/`, token: 't0k' }, { timeoutMs: 200 });
  try {
    const obj = await new RestClient(transport).get(CONFIG_MAPS, 'ns', 'p');
    assert.equal(obj.metadata?.name, 'p');
    assert.deepEqual(seen[0], { url: '/prefix/api/v1/namespaces/ns/configmaps/p', auth: 'Bearer t0k' });
    await assert.rejects(transport.request('GET', '/hang', {}), /no answer within 200 ms/);
  } finally {
    transport.close();
    plain.closeAllConnections();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  }
});
