/**
 * The real probe handlers against servers on 127.0.0.1 (http, https, tcp, grpc) and exec through a runtime with a
 * scripted ExecSync. Timeouts of the http handler run on a FakeClock stepped once the server holds the request.
 */
import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { after, before, test } from 'node:test';
import type { Container, Probe } from 'kubernetes-types/core/v1.js';
import { FakeClock, realClock } from '../../machinery/clock/clock.js';
import { selfSignedServing } from '../../pki/self-signed.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import { RuntimeError, type ExecSyncResult } from '../runtime/interface.js';
import { settle } from '../testing/harness.js';
import { EXEC_UNSUPPORTED } from './exec.js';
import { HEALTH_CHECK_METHOD, HealthCheckRequest, HealthCheckResponse } from './grpc.js';
import { resolvePort } from './port.js';
import { createProbeRunner } from './runner.js';
import { PROBE_USER_AGENT, type ProbeOutcome, type ProbeTarget } from './types.js';

const LOCAL = '127.0.0.1';
const container: Container = { name: 'c', image: 'busybox', ports: [{ name: 'http', containerPort: 0 }, { name: 'metrics', containerPort: 9090 }] };
const target = (c: Container = container): ProbeTarget => ({ pod: { metadata: { name: 'p', namespace: 'ns', uid: 'u' } }, container: c, containerId: 'c1', podIP: LOCAL });
const port = (s: net.Server | http.Server) => (s.address() as net.AddressInfo).port;

// --- HTTP -------------------------------------------------------------------------------------------------------

const seen: http.IncomingHttpHeaders[] = [];
let held: http.ServerResponse[] = [];
const server = http.createServer((req, res) => {
  seen.push(req.headers);
  const u = new URL(req.url ?? '/', 'http://x');
  switch (u.pathname) {
    case '/ok': return res.end('healthy');
    case '/500': res.statusCode = 500; return res.end('broken');
    case '/hop': res.writeHead(302, { location: '/ok' }); return res.end();
    case '/away': res.writeHead(302, { location: `http://localhost:${port(server)}/ok` }); return res.end('moved');
    case '/loop': res.writeHead(301, { location: '/loop' }); return res.end();
    case '/big': return res.end('x'.repeat(20 * 1024));
    case '/slow': held.push(res); return;
    default: res.statusCode = 404; return res.end();
  }
});
let tlsServer: https.Server;

before(async () => {
  server.listen(0, LOCAL);
  await once(server, 'listening');
  const cert = await selfSignedServing('probe-test');
  tlsServer = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => res.end('secure'));
  tlsServer.listen(0, LOCAL);
  await once(tlsServer, 'listening');
});
after(() => {
  for (const r of held) r.destroy();
  server.close();
  tlsServer.close();
});

const httpProbe = (path: string, extra: Partial<NonNullable<Probe['httpGet']>> = {}): Probe => ({ httpGet: { path, port: port(server), ...extra } });
const run = (p: Probe, timeoutMs = 5000, clock = realClock, c = container): Promise<ProbeOutcome> => createProbeRunner(new FakeRuntime({ clock, podCIDR: '10.244.0.0/24' }), clock)(p, target(c), timeoutMs);

const httpCases: { name: string; probe: () => Probe; want: ProbeOutcome | ((o: ProbeOutcome) => void) }[] = [
  { name: '200 is success with the body as output', probe: () => httpProbe('/ok'), want: { result: 'success', output: 'healthy' } },
  { name: '500 is a failure', probe: () => httpProbe('/500'), want: { result: 'failure', output: 'HTTP probe failed with statuscode: 500' } },
  { name: '404 is a failure', probe: () => httpProbe('/missing'), want: { result: 'failure', output: 'HTTP probe failed with statuscode: 404' } },
  { name: 'a redirect on the same host is followed', probe: () => httpProbe('/hop'), want: { result: 'success', output: 'healthy' } },
  { name: 'a redirect to another host is not followed: a warning', probe: () => httpProbe('/away'), want: { result: 'warning', output: 'Probe terminated redirects, Response body: moved' } },
  {
    name: 'a redirect loop stops after 10 redirects',
    probe: () => httpProbe('/loop'),
    want: (o) => assert.deepEqual(o, { result: 'failure', output: `Get "http://${LOCAL}:${port(server)}/loop": stopped after 10 redirects` }),
  },
  { name: 'the body read is limited to 10 KiB', probe: () => httpProbe('/big'), want: (o) => assert.deepEqual([o.result, o.output.length], ['success', 10 * 1024]) },
  {
    name: 'a named port is resolved from the container ports',
    probe: () => ({ httpGet: { path: '/ok', port: 'web' } }),
    want: { result: 'success', output: 'healthy' },
  },
  { name: 'an unknown named port fails', probe: () => ({ httpGet: { path: '/ok', port: 'nope' } }), want: { result: 'failure', output: 'port nope not found' } },
  {
    name: 'HTTPS is not verified (self-signed certificate)',
    probe: () => ({ httpGet: { path: '/', port: port(tlsServer), scheme: 'HTTPS' } }),
    want: { result: 'success', output: 'secure' },
  },
];

for (const c of httpCases) {
  test(`httpGet: ${c.name}`, async () => {
    const withNamed: Container = { ...container, ports: [{ name: 'web', containerPort: port(server) }] };
    const out = await run(c.probe(), 5000, realClock, withNamed);
    if (typeof c.want === 'function') c.want(out);
    else assert.deepEqual(out, c.want);
  });
}

test('httpGet: headers — kube-probe User-Agent and Accept */* unless the probe sets them; custom headers are sent', async () => {
  seen.length = 0;
  await run(httpProbe('/ok', { httpHeaders: [{ name: 'X-Custom', value: 'a' }, { name: 'X-Custom', value: 'b' }] }));
  assert.equal(PROBE_USER_AGENT, 'kube-probe/1.33');
  assert.deepEqual([seen[0]?.['user-agent'], seen[0]?.accept, seen[0]?.['x-custom']], ['kube-probe/1.33', '*/*', 'a, b']);
  await run(httpProbe('/ok', { httpHeaders: [{ name: 'User-Agent', value: 'mine' }, { name: 'Accept', value: 'text/plain' }] }));
  assert.deepEqual([seen[1]?.['user-agent'], seen[1]?.accept], ['mine', 'text/plain']);
});

test('httpGet: no answer within the timeout is a failure (timeout on the clock)', async () => {
  const clock = new FakeClock();
  held = [];
  const pending = run(httpProbe('/slow'), 1000, clock);
  const deadline = Date.now() + 5000;
  while (held.length === 0 && Date.now() < deadline) await settle();
  assert.equal(held.length, 1, 'the server holds the request');
  clock.step(999);
  await settle();
  clock.step(1);
  const out = await pending;
  assert.deepEqual(out, { result: 'failure', output: `Get "http://${LOCAL}:${port(server)}/slow": context deadline exceeded (Client.Timeout exceeded while awaiting headers)` });
});

test('httpGet: a closed port is connection refused', async () => {
  const closed = await freePort();
  const out = await run({ httpGet: { path: '/', port: closed } });
  assert.deepEqual(out, { result: 'failure', output: `Get "http://${LOCAL}:${closed}/": dial tcp ${LOCAL}:${closed}: connect: connection refused` });
});

// --- TCP --------------------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, LOCAL);
  await once(s, 'listening');
  const p = port(s);
  s.close();
  await once(s, 'close');
  return p;
}

test('tcpSocket: an open port is success, a closed one a failure with the dial error', async () => {
  assert.deepEqual(await run({ tcpSocket: { port: port(server) } }), { result: 'success', output: '' });
  const closed = await freePort();
  assert.deepEqual(await run({ tcpSocket: { port: closed } }), { result: 'failure', output: `dial tcp ${LOCAL}:${closed}: connect: connection refused` });
  assert.deepEqual(await run({ tcpSocket: { port: 'metrics', host: LOCAL } }, 5000, realClock, { ...container, ports: [{ name: 'metrics', containerPort: port(server) }] }), { result: 'success', output: '' });
});

// --- gRPC -------------------------------------------------------------------------------------------------------

async function healthServer(statuses: Record<string, number> | undefined): Promise<{ port: number; stop(): void }> {
  const s = new grpc.Server();
  if (statuses) {
    s.addService(
      {
        Check: {
          path: HEALTH_CHECK_METHOD,
          requestStream: false,
          responseStream: false,
          requestSerialize: (v: { service: string }) => Buffer.from(HealthCheckRequest.encode(v).finish()),
          requestDeserialize: (b: Buffer) => HealthCheckRequest.toObject(HealthCheckRequest.decode(b), { defaults: true }) as { service: string },
          responseSerialize: (v: { status: number }) => Buffer.from(HealthCheckResponse.encode(v).finish()),
          responseDeserialize: (b: Buffer) => HealthCheckResponse.decode(b) as unknown as { status: number },
        },
      },
      {
        Check: (call: grpc.ServerUnaryCall<{ service: string }, { status: number }>, cb: grpc.sendUnaryData<{ status: number }>) => {
          const st = statuses[call.request.service];
          if (st === undefined) cb({ code: grpc.status.NOT_FOUND, details: 'unknown service' });
          else cb(null, { status: st });
        },
      },
    );
  }
  const p = await new Promise<number>((resolve, reject) => s.bindAsync(`${LOCAL}:0`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return { port: p, stop: () => s.forceShutdown() };
}

test('grpc: SERVING is success; NOT_SERVING, errors and a missing health service are failures', async (t) => {
  const h = await healthServer({ '': 1, down: 2 });
  t.after(() => h.stop());
  assert.deepEqual(await run({ grpc: { port: h.port } }), { result: 'success', output: '' });
  assert.deepEqual(await run({ grpc: { port: h.port, service: 'down' } }), { result: 'failure', output: 'service unhealthy (responded with "NOT_SERVING")' });
  const unknown = await run({ grpc: { port: h.port, service: 'other' } });
  assert.deepEqual([unknown.result, unknown.output.startsWith('error: health rpc probe failed: 5 NOT_FOUND')], ['failure', true], unknown.output);
  const bare = await healthServer(undefined);
  t.after(() => bare.stop());
  const unimpl = await run({ grpc: { port: bare.port } });
  assert.equal(unimpl.result, 'failure');
  assert.match(unimpl.output, /^this server doesn't implement the grpc health protocol \(grpc\.health\.v1\.Health\): /);
});

test('grpc: nothing listening is a connect failure within the timeout', async () => {
  const closed = await freePort();
  const out = await run({ grpc: { port: closed } }, 300);
  assert.equal(out.result, 'failure');
  assert.ok(out.output.startsWith(`timeout: failed to connect service "${LOCAL}:${closed}" within 0.3s: `), out.output);
});

// --- exec -------------------------------------------------------------------------------------------------------

class ExecRuntime extends FakeRuntime {
  readonly calls: [string, string[], number][] = [];
  constructor(private readonly answer: (cmd: string[]) => ExecSyncResult | Error) {
    super({ clock: realClock, podCIDR: '10.244.0.0/24' });
  }
  async execSync(id: string, cmd: string[], timeoutSeconds: number): Promise<ExecSyncResult> {
    this.calls.push([id, cmd, timeoutSeconds]);
    const a = this.answer(cmd);
    if (a instanceof Error) throw a;
    return a;
  }
}

const execCases: { name: string; answer: ExecSyncResult | Error; want: ProbeOutcome }[] = [
  { name: 'exit 0 is success', answer: { stdout: Buffer.from('ok\n'), stderr: Buffer.alloc(0), exitCode: 0 }, want: { result: 'success', output: 'ok\n' } },
  { name: 'a non-zero exit is a failure with stdout then stderr', answer: { stdout: Buffer.from('out '), stderr: Buffer.from('err'), exitCode: 1 }, want: { result: 'failure', output: 'out err' } },
  { name: 'a timeout (DeadlineExceeded) is a failure', answer: new RuntimeError('DeadlineExceeded', 'deadline'), want: { result: 'failure', output: 'command "sleep 10" timed out' } },
  { name: 'another runtime error is a failure with its message', answer: new RuntimeError('NotFound', 'container c1 not found'), want: { result: 'failure', output: 'container c1 not found' } },
];

for (const c of execCases) {
  test(`exec: ${c.name}`, async () => {
    const rt = new ExecRuntime(() => c.answer);
    const out = await createProbeRunner(rt, realClock)({ exec: { command: ['sleep', '10'] } }, target(), 2500);
    assert.deepEqual(out, c.want);
    assert.deepEqual(rt.calls, [['c1', ['sleep', '10'], 3]], 'the timeout is passed in whole seconds, rounded up');
  });
}

test('exec: a runtime without ExecSync (the fake one) fails the probe loudly', async () => {
  assert.deepEqual(await run({ exec: { command: ['true'] } }), { result: 'failure', output: EXEC_UNSUPPORTED });
  assert.deepEqual(await run({}), { result: 'failure', output: 'missing probe handler' });
});

// --- ports ------------------------------------------------------------------------------------------------------

const portCases: { port: number | string; want: number | string }[] = [
  { port: 8080, want: 8080 },
  { port: 'metrics', want: 9090 },
  { port: '8081', want: 8081 },
  { port: 'nope', want: 'port nope not found' },
  { port: 0, want: 'invalid port number: 0' },
  { port: 70000, want: 'invalid port number: 70000' },
];
for (const c of portCases) {
  test(`resolvePort(${JSON.stringify(c.port)})`, () => {
    if (typeof c.want === 'number') assert.equal(resolvePort(c.port, container), c.want);
    else assert.throws(() => resolvePort(c.port, container), { message: c.want });
  });
}
