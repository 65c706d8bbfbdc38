/**
 * pods/log, exec, attach and portforward end to end: the real API server on HTTPS (client certificates of the
 * cluster PKI) proxies to a real kubelet server (TLS both ways, the API server's kubelet client certificate) over a
 * stub runtime whose containers' log files are temp CRI logs and whose stream URL points at an echoing stream server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nopLogger } from '../../src/machinery/log/logger.js';
import { ensurePki, type Pki } from '../../src/pki/bundle.js';
import { issueKubeletServing } from '../../src/pki/kubelet-serving.js';
import { startSecureServer, type SecureServer } from '../../src/apiserver/server/https.js';
import { createApiServer } from '../../src/registry/apiserver.js';
import { STRATEGIES } from '../../src/registry/strategies.js';
import { openSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { Store } from '../../src/storage/interface.js';
import { startKubeletServer, type KubeletServer } from '../../src/kubelet/server/server.js';
import { StubRuntime } from '../../src/kubelet/server/testing/stub-runtime.js';
import { startEchoStreamServer, type EchoStreamServer } from '../../src/kubelet/server/testing/echo-stream-server.js';
import { readBytes, upgradeOverTls } from '../../src/kubelet/server/testing/upgrade-client.js';

let root: string;
let pki: Pki;
let store: Store;
let api: SecureServer;
let kubelet: KubeletServer;
let runtime: StubRuntime;
let echo: EchoStreamServer;
const NS = 'default';
const T = (s: number) => `2026-01-01T00:00:0${s}.000000001Z`;

interface Reply {
  status: number;
  text: string;
  json: any;
}

function call(method: string, path: string, body?: unknown, onChunk?: (s: string) => void): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port: api.address.port,
        path,
        method,
        ca: pki.ca.certPem,
        cert: pki.admin.certPem,
        key: pki.admin.keyPem,
        servername: 'localhost',
        headers: { Accept: 'application/json', ...(data ? { 'Content-Type': 'application/json', 'Content-Length': String(data.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          onChunk?.(Buffer.concat(chunks).toString());
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function ok(method: string, path: string, body?: unknown): Promise<any> {
  const r = await call(method, path, body);
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

const running = (name: string) => ({ name, ready: true, restartCount: 1, image: 'busybox', imageID: '', state: { running: { startedAt: '2026-01-01T00:00:00Z' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://old', startedAt: null, finishedAt: null } } });

async function boundPod(name: string, containers: string[], statuses: unknown[], annotations?: Record<string, string>): Promise<void> {
  const spec = { containers: containers.map((c) => ({ name: c, image: 'busybox' })) };
  await ok('POST', `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
  await ok('POST', `/api/v1/namespaces/${NS}/pods/${name}/binding`, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: 'node-a' } });
  const cur = await ok('GET', `/api/v1/namespaces/${NS}/pods/${name}`);
  cur.status = { ...cur.status, phase: 'Running', containerStatuses: statuses };
  await ok('PUT', `/api/v1/namespaces/${NS}/pods/${name}/status`, cur);
}

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'k8ts-pod-logs-'));
  pki = await ensurePki({ dir: join(root, 'pki'), hostname: 'localhost' });
  store = openSqliteStore({ path: ':memory:' });
  const wired = createApiServer({
    store,
    strategies: STRATEGIES,
    endpoint: { host: '127.0.0.1', port: 6443, clusterIP: '10.96.0.1' },
    kubeletClient: { ca: pki.ca.certPem, cert: pki.apiserverKubeletClient.certPem, key: pki.apiserverKubeletClient.keyPem },
  });
  await wired.bootstrap();
  api = await startSecureServer({
    host: '127.0.0.1',
    port: 0,
    tls: { cert: pki.apiserver.certPem, key: pki.apiserver.keyPem, ca: pki.ca.certPem },
    handler: wired.server.handle,
    onUpgrade: wired.server.handleUpgrade,
    logger: nopLogger,
  });
  runtime = new StubRuntime();
  echo = await startEchoStreamServer();
  runtime.streamUrl = echo.url('/exec/one-time-token');
  const serving = await issueKubeletServing({ ca: pki.ca, nodeName: 'node-a', addresses: ['127.0.0.1'] });
  kubelet = await startKubeletServer({ host: '127.0.0.1', port: 0, tls: { cert: serving.certPem, key: serving.keyPem, ca: pki.ca.certPem }, runtime, logger: nopLogger, logPollIntervalMs: 10 });
  const node = await ok('POST', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-a' } });
  node.status = { addresses: [{ type: 'InternalIP', address: '127.0.0.1' }, { type: 'Hostname', address: 'node-a' }], daemonEndpoints: { kubeletEndpoint: { Port: kubelet.port } } };
  await ok('PUT', '/api/v1/nodes/node-a/status', node);

  const dir = join(root, 'pods', 'default_web_uid', 'app');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '0.log'), `${T(1)} stdout F crashed run\n`);
  await writeFile(join(dir, '1.log'), [`${T(1)} stdout F first`, `${T(2)} stdout P sec`, `${T(3)} stdout F ond`, `${T(4)} stderr F third`].join('\n') + '\n');
  runtime.add({ namespace: NS, pod: 'web', container: 'app', uid: 'uid', logPath: join(dir, '1.log') });
  await boundPod('web', ['app'], [running('app')]);
});

after(async () => {
  await kubelet?.close();
  await api?.close();
  await echo?.close();
  await store?.close();
  await rm(root, { recursive: true, force: true });
});

test('GET pods/log?tailLines=2&timestamps=true streams the last lines from the kubelet', async () => {
  const r = await call('GET', `/api/v1/namespaces/${NS}/pods/web/log?tailLines=2&timestamps=true`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, `${T(3)} ond\n${T(4)} third\n`);
});

test('GET pods/log defaults the only container and joins partial records', async () => {
  const r = await call('GET', `/api/v1/namespaces/${NS}/pods/web/log`);
  assert.equal(r.text, 'first\nsecond\nthird\n');
});

test('GET pods/log?previous=true reads the previous run', async () => {
  const r = await call('GET', `/api/v1/namespaces/${NS}/pods/web/log?previous=true&container=app`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, 'crashed run\n');
});

test('GET pods/log?follow=true streams until the container ends', async () => {
  const dir = join(root, 'pods', 'default_tail_uid', 'main');
  await mkdir(dir, { recursive: true });
  const path = join(dir, '0.log');
  await writeFile(path, `${T(1)} stdout F hello\n`);
  const st = runtime.add({ namespace: NS, pod: 'tail', container: 'main', uid: 'tail-uid', logPath: path });
  await boundPod('tail', ['main'], [{ ...running('main'), lastState: {} }]);
  let seen = '';
  const done = call('GET', `/api/v1/namespaces/${NS}/pods/tail/log?follow=true`, undefined, (s) => (seen = s));
  await until(() => seen === 'hello\n', 'the first line through the API server');
  await appendFile(path, `${T(2)} stdout F world\n`);
  await until(() => seen === 'hello\nworld\n', 'a line appended while following');
  runtime.statuses.get(st.id)!.state = 'CONTAINER_EXITED';
  const r = await done;
  assert.equal(r.status, 200);
  assert.equal(r.text, 'hello\nworld\n');
});

test('a following client that goes away stops the kubelet reader', async () => {
  const dir = join(root, 'pods', 'default_gone_uid', 'main');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '0.log'), `${T(1)} stdout F hi\n`);
  const st = runtime.add({ namespace: NS, pod: 'gone', container: 'main', uid: 'gone-uid', logPath: join(dir, '0.log') });
  await boundPod('gone', ['main'], [{ ...running('main'), lastState: {} }]);
  const req = request({ host: '127.0.0.1', port: api.address.port, path: `/api/v1/namespaces/${NS}/pods/gone/log?follow=true`, ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem, servername: 'localhost' });
  const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => req.on('response', resolve).on('error', reject).end());
  await until(() => (runtime.statusCalls.get(st.id) ?? 0) > 2, 'the kubelet reader polling the running container');
  res.destroy();
  req.destroy();
  // The reader asks the runtime each poll (10 ms) while it follows: once the client is gone the count must settle.
  let last = -1;
  const deadline = Date.now() + 5_000;
  for (;;) {
    const now = runtime.statusCalls.get(st.id) ?? 0;
    if (now === last) break;
    if (Date.now() > deadline) assert.fail('the kubelet reader kept polling after the client went away');
    last = now;
    await new Promise((r) => setTimeout(r, 200));
  }
});

test('pods/log errors follow upstream', async () => {
  await boundPod('multi', ['a', 'b'], [running('a'), { name: 'b', ready: false, restartCount: 0, image: 'busybox', imageID: '', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {} }]);
  const cases: Array<{ path: string; code: number; message: string | RegExp }> = [
    { path: 'multi/log', code: 400, message: 'a container name must be specified for pod multi, choose one of: [a b]' },
    { path: 'multi/log?container=zz', code: 400, message: 'container zz is not valid for pod multi' },
    { path: 'multi/log?container=b', code: 400, message: 'container "b" in pod "multi" is waiting to start: ContainerCreating' },
    { path: 'multi/log?container=b&previous=true', code: 400, message: 'previous terminated container "b" in pod "multi" not found' },
    { path: 'absent/log', code: 404, message: 'pods "absent" not found' },
    { path: 'web/log?tailLines=-1', code: 422, message: /tailLines/ },
    { path: 'multi/log?container=a', code: 404, message: /pod "multi" in namespace "default" not found on this node/ },
  ];
  for (const c of cases) {
    const r = await call('GET', `/api/v1/namespaces/${NS}/pods/${c.path}`);
    assert.equal(r.status, c.code, `${c.path}: ${r.text}`);
    assert.equal(r.json?.kind, 'Status', `${c.path} answers a Status`);
    if (typeof c.message === 'string') assert.equal(r.json.message, c.message, c.path);
    else assert.match(r.json.message, c.message, c.path);
  }
});

test('the default-container annotation picks the container', async () => {
  const dir = join(root, 'pods', 'default_annotated_uid', 'b');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, '0.log'), `${T(1)} stdout F from b\n`);
  runtime.add({ namespace: NS, pod: 'annotated', container: 'b', logPath: join(dir, '0.log') });
  await boundPod('annotated', ['a', 'b'], [running('a'), running('b')], { 'kubectl.kubernetes.io/default-container': 'b' });
  const r = await call('GET', `/api/v1/namespaces/${NS}/pods/annotated/log`);
  assert.equal(r.text, 'from b\n');
});

test('an unbound pod has an empty log; exec into it is a 400', async () => {
  await ok('POST', `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pending' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const r = await call('GET', `/api/v1/namespaces/${NS}/pods/pending/log`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.text, '');
  const a = await upgradeOverTls({ port: api.address.port, path: `/api/v1/namespaces/${NS}/pods/pending/exec?command=true&stdout=true`, headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1' }, tls: { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem } });
  assert.equal(a.statusCode, 400, a.head);
  const body = await readBytes(a.socket, a.rest, 10);
  assert.match(body.toString(), /pod pending does not have a host assigned/);
  a.socket.destroy();
});

test('pods/exec over SPDY is spliced through the API server and the kubelet to the stream server', async () => {
  const a = await upgradeOverTls({
    port: api.address.port,
    path: `/api/v1/namespaces/${NS}/pods/web/exec?command=sh&command=-c&command=date&stdin=true&stdout=true&stderr=true`,
    headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'v4.channel.k8s.io' },
    tls: { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem },
  });
  assert.equal(a.statusCode, 101, a.head);
  a.socket.write('through three hops');
  assert.equal((await readBytes(a.socket, a.rest, 18)).toString(), 'through three hops');
  a.socket.destroy();
  assert.equal(echo.seen.at(-1)?.path, '/exec/one-time-token');
  assert.deepEqual((runtime.streamRequests.at(-1) as { cmd: string[] }).cmd, ['sh', '-c', 'date']);
});

test('a WebSocket (v4) answer of the stream server comes back as is, a refusal included', async () => {
  const a = await upgradeOverTls({
    port: api.address.port,
    method: 'GET',
    path: `/api/v1/namespaces/${NS}/pods/web/attach?stdout=true`,
    headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'X-Stream-Protocol-Version': 'refuse', 'Sec-WebSocket-Protocol': 'v4.channel.k8s.io' },
    tls: { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem },
  });
  assert.equal(a.statusCode, 400, a.head);
  a.socket.destroy();
  assert.equal(echo.seen.at(-1)?.headers['sec-websocket-protocol'], 'v4.channel.k8s.io', 'the offer reached the stream server unchanged');
});

test('pods/portforward asks the kubelet for the pod sandbox', async () => {
  const a = await upgradeOverTls({
    port: api.address.port,
    path: `/api/v1/namespaces/${NS}/pods/web/portforward`,
    headers: { Connection: 'Upgrade', Upgrade: 'SPDY/3.1', 'X-Stream-Protocol-Version': 'portforward.k8s.io' },
    tls: { ca: pki.ca.certPem, cert: pki.admin.certPem, key: pki.admin.keyPem },
  });
  assert.equal(a.statusCode, 101, a.head);
  a.socket.destroy();
  assert.deepEqual(runtime.streamRequests.at(-1), { podSandboxId: 's-default-web', ports: [] });
});

test('pods/exec without an upgrade is a 400', async () => {
  const r = await call('POST', `/api/v1/namespaces/${NS}/pods/web/exec?command=true`);
  assert.equal(r.status, 400, r.text);
  assert.match(r.json.message, /Upgrade request required/);
});

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
