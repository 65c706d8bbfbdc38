import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nopLogger } from '../../machinery/log/logger.js';
import { ensurePki, type Pki } from '../../pki/bundle.js';
import { issueKubeletServing } from '../../pki/kubelet-serving.js';
import { startKubeletServer, type KubeletServer } from './server.js';
import { StubRuntime } from './testing/stub-runtime.js';
import { startEchoStreamServer, type EchoStreamServer } from './testing/echo-stream-server.js';
import { readBytes, upgradeOverTls } from './testing/upgrade-client.js';

let root: string;
let pki: Pki;
let other: Pki;
let server: KubeletServer;
let runtime: StubRuntime;
let echo: EchoStreamServer;
const T = (s: number) => `2026-01-01T00:00:0${s}.000000001Z`;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'k8ts-kubelet-server-'));
  pki = await ensurePki({ dir: join(root, 'pki'), hostname: 'test' });
  other = await ensurePki({ dir: join(root, 'other'), hostname: 'test' });
  const serving = await issueKubeletServing({ ca: pki.ca, nodeName: 'node-a', addresses: ['127.0.0.1'] });
  runtime = new StubRuntime();
  echo = await startEchoStreamServer();
  runtime.streamUrl = echo.url('/exec/token123');
  const logs = join(root, 'logs', 'default_web_uid1', 'app');
  await mkdir(logs, { recursive: true });
  await writeFile(join(logs, '0.log'), `${T(1)} stdout F old run\n`);
  await writeFile(join(logs, '1.log'), [`${T(1)} stdout F a`, `${T(2)} stderr F b`, `${T(3)} stdout F c`].join('\n') + '\n');
  runtime.add({ namespace: 'default', pod: 'web', container: 'app', uid: 'uid1', logPath: join(logs, '1.log') });
  runtime.add({ namespace: 'default', pod: 'web', container: 'sidecar', uid: 'uid1', logPath: join(root, 'gone.log') });
  server = await startKubeletServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: serving.certPem, key: serving.keyPem, ca: pki.ca.certPem },
    runtime,
    logger: nopLogger,
    logPollIntervalMs: 10,
  });
});
after(async () => {
  await server.close();
  await echo.close();
  await rm(root, { recursive: true, force: true });
});

interface Reply {
  status: number;
  body: string;
}

function get(path: string, client: { cert: string; key: string } = { cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, ca: pki.ca.certPem, servername: 'localhost', ...client }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('healthz answers a client with a certificate of the cluster CA', async () => {
  assert.deepEqual(await get('/healthz'), { status: 200, body: 'ok' });
});

test('clients without a certificate of the cluster CA are refused in the handshake', async () => {
  await assert.rejects(get('/healthz', { cert: other.admin.certPem, key: other.admin.keyPem }));
  await assert.rejects(get('/healthz', { cert: '', key: '' }));
});

const logCases: Array<{ name: string; path: string; status: number; body: string | RegExp }> = [
  { name: 'whole log', path: '/containerLogs/default/web/app', status: 200, body: 'a\nb\nc\n' },
  { name: 'tailLines and timestamps', path: '/containerLogs/default/web/app?tailLines=2&timestamps=true', status: 200, body: `${T(2)} b\n${T(3)} c\n` },
  { name: 'sinceTime', path: `/containerLogs/default/web/app?sinceTime=${encodeURIComponent('2026-01-01T00:00:03Z')}`, status: 200, body: 'c\n' },
  { name: 'limitBytes', path: '/containerLogs/default/web/app?limitBytes=3', status: 200, body: 'a\nb' },
  { name: 'previous reads the previous restart file', path: '/containerLogs/default/web/app?previous=true', status: 200, body: 'old run\n' },
  { name: 'previous without a restart', path: '/containerLogs/default/web/sidecar?previous=true', status: 400, body: /previous terminated container \\"sidecar\\" in pod \\"web\\" not found/ },
  { name: 'unknown pod', path: '/containerLogs/default/nope/app', status: 404, body: /pod \\"nope\\" in namespace \\"default\\" not found/ },
  { name: 'unknown container', path: '/containerLogs/default/web/nope', status: 404, body: /container \\"nope\\" in pod \\"web\\" not found/ },
  { name: 'missing log file', path: '/containerLogs/default/web/sidecar', status: 404, body: /log file/ },
  { name: 'invalid tailLines', path: '/containerLogs/default/web/app?tailLines=-1', status: 400, body: /tailLines/ },
  { name: 'unknown path', path: '/stats/summary', status: 404, body: /NotFound/ },
];
for (const c of logCases) {
  test(`containerLogs: ${c.name}`, async () => {
    const r = await get(c.path);
    assert.equal(r.status, c.status, r.body);
    if (typeof c.body === 'string') assert.equal(r.body, c.body);
    else assert.match(r.body, c.body);
  });
}

test('containerLogs follow streams until the container stops', async () => {
  const dir = join(root, 'logs', 'default_tail_uid2', 'main');
  await mkdir(dir, { recursive: true });
  const path = join(dir, '0.log');
  await writeFile(path, `${T(1)} stdout F hello\n`);
  const st = runtime.add({ namespace: 'default', pod: 'tail', container: 'main', logPath: path });
  const got: string[] = [];
  let status = 0;
  const done = new Promise<void>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/containerLogs/default/tail/main?follow=true', ca: pki.ca.certPem, servername: 'localhost', cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
      (res) => {
        status = res.statusCode ?? 0;
        res.on('data', (c: Buffer) => got.push(c.toString()));
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.end();
  });
  await until(() => got.join('') === 'hello\n', 'the first line');
  await appendFile(path, `${T(2)} stdout F world\n`);
  await until(() => got.join('') === 'hello\nworld\n', 'the appended line');
  runtime.statuses.get(st.id)!.state = 'CONTAINER_EXITED';
  await done;
  assert.equal(status, 200);
  assert.equal(got.join(''), 'hello\nworld\n');
});

test('exec: the upgrade is spliced onto the runtime stream server', async () => {
  const a = await upgradeOverTls({
    port: server.port,
    path: '/exec/default/web/app?command=sh&command=-c&command=echo%20hi&stdin=1&stdout=1&stderr=1&tty=1',
    headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io', Authorization: 'Bearer secret' },
    tls: { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
  });
  assert.equal(a.statusCode, 101, a.head);
  assert.match(a.head, /X-Stream-Protocol-Version: v4\.channel\.k8s\.io/);
  a.socket.write('ping');
  const echoed = await readBytes(a.socket, a.rest, 4);
  assert.equal(echoed.toString(), 'ping');
  a.socket.destroy();
  const seen = echo.seen.at(-1)!;
  assert.equal(seen.path, '/exec/token123');
  assert.equal(seen.method, 'POST');
  assert.equal(seen.headers.authorization, undefined, 'credentials of the previous hop are not forwarded');
  const asked = runtime.streamRequests.at(-1) as { cmd: string[]; tty: boolean; stderr: boolean; stdin: boolean };
  assert.deepEqual(asked.cmd, ['sh', '-c', 'echo hi']);
  assert.equal(asked.tty, true);
  assert.equal(asked.stderr, false, 'tty merges stderr into stdout');
  assert.equal(asked.stdin, true);
});

test('exec: a refusal of the stream server reaches the client as is', async () => {
  const a = await upgradeOverTls({
    port: server.port,
    path: '/exec/default/web/app?command=true&stdout=1',
    method: 'GET',
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'X-Stream-Protocol-Version': 'refuse' },
    tls: { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
  });
  assert.equal(a.statusCode, 400, a.head);
  a.socket.destroy();
});

test('exec: unknown container is a 404 Status; missing command a 400', async () => {
  const tls = { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem };
  const headers = { Connection: 'Upgrade', Upgrade: 'SPDY/3.1' };
  const a = await upgradeOverTls({ port: server.port, path: '/exec/default/web/nope?command=true', headers, tls });
  assert.equal(a.statusCode, 404, a.head);
  a.socket.destroy();
  const b = await upgradeOverTls({ port: server.port, path: '/exec/default/web/app?stdout=1', headers, tls });
  assert.equal(b.statusCode, 400, b.head);
  b.socket.destroy();
});

test('portForward: asks the runtime for the pod sandbox and splices', async () => {
  const a = await upgradeOverTls({
    port: server.port,
    path: '/portForward/default/web?port=8080',
    headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' },
    tls: { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
  });
  assert.equal(a.statusCode, 101, a.head);
  a.socket.destroy();
  assert.deepEqual(runtime.streamRequests.at(-1), { podSandboxId: 's-default-web', ports: [8080] });
});

test('a client outside system:masters is forbidden', async () => {
  const { issueClient } = await import('../../pki/issue.js');
  const { privateKeyFromPem } = await import('../../pki/keys.js');
  const x509 = await import('../../pki/x509.js');
  const issuer = { cert: new x509.X509Certificate(pki.ca.certPem), key: await privateKeyFromPem(pki.ca.keyPem) };
  const nobody = await issueClient(issuer, 'nobody', ['developers'], new Date());
  const r = await get('/healthz', { cert: nobody.certPem, key: nobody.keyPem });
  assert.equal(r.status, 403, r.body);
});

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
