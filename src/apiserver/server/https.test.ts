import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { nopLogger } from '../../machinery/log/logger.js';
import { ensurePki, type Pki } from '../../pki/bundle.js';
import { isLongRunning } from './connections.js';
import { startSecureServer, type SecureServer } from './https.js';

let root: string;
let pki: Pki;
let other: Pki;
let server: SecureServer;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'k8ts-https-'));
  pki = await ensurePki({ dir: join(root, 'pki'), hostname: 'test' });
  other = await ensurePki({ dir: join(root, 'other'), hostname: 'test' });
  server = await startSecureServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
    logger: nopLogger,
    handler: (req, res, user) => {
      if (req.url?.includes('watch=true')) return void res.writeHead(200).write('{"type":"ADDED"}\n');
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, user: user ?? null }));
    },
  });
});
after(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
  reused: boolean;
}

function get(path: string, client?: { certPem: string; keyPem: string }, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.address.port, path, ca: pki.ca.certPem, cert: client?.certPem, key: client?.keyPem, agent },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, reused: req.reusedSocket }));
      },
    );
    req.on('error', reject).end();
  });
}

test('listens on the loopback port picked for port 0', () => {
  assert.equal(server.address.host, '127.0.0.1');
  assert.ok(server.address.port > 0);
});

test('anonymous /api is 401 with an Unauthorized Status', async () => {
  const r = await get('/api');
  assert.equal(r.status, 401);
  assert.deepEqual(JSON.parse(r.body), {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401,
  });
});

test('anonymous /version and /readyz reach the handler without a user', async () => {
  for (const path of ['/version', '/readyz?verbose']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    assert.equal(JSON.parse(r.body).user, null);
  }
});

test('the admin client certificate is authenticated as k8ts-admin in system:masters', async () => {
  const r = await get('/api', pki.admin);
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body).user, { username: 'k8ts-admin', groups: ['system:masters', 'system:authenticated'] });
});

test('a certificate from another CA is refused', async () => {
  assert.equal((await get('/api', other.admin)).status, 401);
});

test('keep-alive connections are reused', async () => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await get('/version', pki.admin, agent);
    assert.equal((await get('/version', pki.admin, agent)).reused, true);
  } finally {
    agent.destroy();
  }
});

test('an anonymous upgrade is answered 401 on the socket', async () => {
  const text = await new Promise<string>((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port: server.address.port, ca: pki.ca.certPem, servername: 'localhost' }, () => {
      s.write('GET /api/v1/namespaces/a/pods/b/exec HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    });
    let buf = '';
    s.setEncoding('utf8').on('data', (d: string) => (buf += d)).on('end', () => resolve(buf)).on('error', reject);
  });
  assert.match(text, /^HTTP\/1\.1 401 Unauthorized\r\n/);
  assert.match(text, /"reason":"Unauthorized"/);
});

const longRunningCases: Array<[string, boolean]> = [
  ['/api/v1/pods?watch=true', true],
  ['/api/v1/watch/pods', true],
  ['/api/v1/namespaces/a/pods/b/log?follow=true', true],
  ['/api/v1/namespaces/a/pods/b/exec?command=sh', true],
  ['/api/v1/pods?watch=false', false],
  ['/api/v1/namespaces/a/pods/b/log', false],
];
for (const [url, want] of longRunningCases) test(`isLongRunning(${url}) = ${want}`, () => assert.equal(isLongRunning(url), want));

test('close() ends open watch streams promptly and refuses new connections', async () => {
  const own = await startSecureServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
    logger: nopLogger,
    shutdownGraceMs: 30_000,
    handler: (_req, res) => void res.writeHead(200).write('{"type":"ADDED"}\n'),
  });
  const streamEnded = new Promise<void>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: own.address.port, path: '/api/v1/pods?watch=true', ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem }, (res) => {
      res.once('data', () => void own.close());
      res.on('close', () => resolve()).on('error', () => resolve());
    });
    req.on('error', reject).end();
  });
  const started = Date.now();
  await streamEnded;
  await own.close();
  assert.ok(Date.now() - started < 5_000, 'closed well before the 30 s grace period');
  await assert.rejects(
    new Promise((resolve, reject) => request({ host: '127.0.0.1', port: own.address.port, path: '/version', ca: pki.ca.certPem }, resolve).on('error', reject).end()),
    /ECONNREFUSED/,
  );
});
