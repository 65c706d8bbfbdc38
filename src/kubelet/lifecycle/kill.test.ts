import assert from 'node:assert/strict';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { Container, LifecycleHandler, Pod } from 'kubernetes-types/core/v1.js';
import { FakeRecorder } from '../../client/record/fake.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { settle } from '../testing/harness.js';
import { podGracePeriod, probeKillGracePeriod } from './grace.js';
import { createHookRunner, LIFECYCLE_USER_AGENT } from './hooks.js';
import { ContainerKiller } from './kill.js';
import { exit, ExecLogRuntime } from './testing.js';

const pod: Pod = { metadata: { name: 'web', namespace: 'ns1', uid: 'uid-1' }, spec: { containers: [] } };

async function runningContainer(rt: ExecLogRuntime): Promise<string> {
  const meta = { name: 'web', namespace: 'ns1', uid: 'uid-1', attempt: 0 };
  const sid = await rt.runPodSandbox({ metadata: meta, labels: {}, annotations: {} });
  const id = await rt.createContainer(sid, { metadata: { name: 'c', attempt: 0 }, image: { image: 'busybox' }, command: [], args: [], envs: [], labels: {}, annotations: {} });
  await rt.startContainer(id);
  return id;
}

/** Kills a container with `preStop` and `grace`, stepping the clock 1 s at a time until the kill is done. */
async function kill(preStop: LifecycleHandler | undefined, grace: number, answer?: ExecLogRuntime['answer']) {
  const clock = new FakeClock();
  const rt = new ExecLogRuntime(clock);
  if (answer) rt.answer = answer;
  const recorder = new FakeRecorder();
  const killer = new ContainerKiller({ runtime: rt, clock, hooks: createHookRunner(rt, clock), recorder });
  const id = await runningContainer(rt);
  const spec: Container = { name: 'c', image: 'busybox', ...(preStop ? { lifecycle: { preStop } } : {}) };
  let done = false;
  const p = killer.kill({ pod, spec, containerId: id, podIP: '10.244.9.2', graceSeconds: grace }).then(() => (done = true));
  for (let i = 0; i < 200 && !done; i++) {
    await settle();
    if (!done) clock.step(1000);
  }
  await p;
  return { log: rt.log, events: recorder.events, state: (await rt.containerStatus(id)).state };
}

const cases: { name: string; preStop?: LifecycleHandler; grace: number; answer?: ExecLogRuntime['answer']; log: string[]; events: string[] }[] = [
  { name: 'no preStop: stopped at once with the grace period', grace: 30, log: ['stop c 30 @0s'], events: ['Normal Killing Stopping container c'] },
  { name: 'grace below 2 s is raised to the 2 s minimum', grace: 0, log: ['stop c 2 @0s'], events: ['Normal Killing Stopping container c'] },
  { name: 'an exec preStop runs first', preStop: { exec: { command: ['nginx', '-s', 'quit'] } }, grace: 30, log: ['exec nginx -s quit @0s', 'stop c 30 @0s'], events: ['Normal Killing Stopping container c'] },
  {
    name: 'a sleep preStop counts against the grace period',
    preStop: { sleep: { seconds: 12 } },
    grace: 30,
    log: ['stop c 18 @12s'],
    events: ['Normal Killing Stopping container c'],
  },
  {
    name: 'a preStop outlasting the grace period is abandoned; the stop gets the 2 s minimum',
    preStop: { sleep: { seconds: 100 } },
    grace: 5,
    log: ['stop c 2 @5s'],
    events: [
      'Normal Killing Stopping container c',
      'Warning FailedPreStopHook Sleep lifecycle hook (100) for Container "c" in Pod "web_ns1(uid-1)" failed - error: container terminated before sleep hook finished',
    ],
  },
  {
    name: 'a failing exec preStop is an event; the stop goes on',
    preStop: { exec: { command: ['sh', '-c', 'exit 3'] } },
    grace: 10,
    answer: () => exit(3, 'partial', 'oops'),
    log: ['exec sh -c exit 3 @0s', 'stop c 10 @0s'],
    events: [
      'Normal Killing Stopping container c',
      `Warning FailedPreStopHook Exec lifecycle hook ([sh -c exit 3]) for Container "c" in Pod "web_ns1(uid-1)" failed - error: command 'sh -c exit 3' exited with 3: oops, message: "partialoops"`,
    ],
  },
];

for (const c of cases) {
  test(`kill: ${c.name}`, async () => {
    const r = await kill(c.preStop, c.grace, c.answer);
    assert.deepEqual(r.log, c.log);
    assert.deepEqual(r.events, c.events);
    assert.equal(r.state, 'CONTAINER_EXITED');
  });
}

test('hooks: an httpGet hook GETs the container with the kube-lifecycle User-Agent; only a transport error fails it', async (t) => {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.url} ${req.headers['user-agent']}`);
    res.statusCode = req.url === '/bad' ? 500 : 200;
    res.end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const clock = new FakeClock();
  const hooks = createHookRunner(new ExecLogRuntime(clock), clock);
  const target = { pod, container: { name: 'c', image: 'busybox' }, containerId: 'c1', podIP: '127.0.0.1' };
  const never = new AbortController().signal;
  assert.equal(await hooks.run({ httpGet: { path: '/hook', port } }, target, never), undefined);
  assert.equal(await hooks.run({ httpGet: { path: '/bad', port } }, target, never), undefined, 'the status code is not checked (upstream)');
  assert.deepEqual(seen, [`/hook ${LIFECYCLE_USER_AGENT}`, `/bad ${LIFECYCLE_USER_AGENT}`]);
  assert.equal(LIFECYCLE_USER_AGENT, 'kube-lifecycle/1.33');
  server.close();
  await once(server, 'close');
  const failed = await hooks.run({ httpGet: { path: '/hook', port } }, target, never);
  assert.equal(failed, `HTTP lifecycle hook (/hook) for Container "c" in Pod "web_ns1(uid-1)" failed - error: Get "http://127.0.0.1:${port}/hook": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  assert.match((await hooks.run({ tcpSocket: { port: 80 } }, target, never))!, /^Cannot run handler: invalid handler: /);
});

test('hooks: exec on a runtime without ExecSync fails loudly', async () => {
  const clock = new FakeClock();
  const { FakeRuntime } = await import('../runtime/fake/runtime.js');
  const hooks = createHookRunner(new FakeRuntime({ clock, podCIDR: '10.244.9.0/24' }), clock);
  const target = { pod, container: { name: 'c', image: 'busybox' }, containerId: 'c1', podIP: '' };
  const msg = await hooks.run({ exec: { command: ['true'] } }, target, new AbortController().signal);
  assert.equal(msg, 'Exec lifecycle hook ([true]) for Container "c" in Pod "web_ns1(uid-1)" failed - error: the container runtime does not support exec (ExecSync), message: ""');
});

const graceCases: { name: string; pod: Pod; probeGrace?: number; want: number; wantProbe: number }[] = [
  { name: 'default 30 s', pod: { spec: { containers: [] } }, want: 30, wantProbe: 30 },
  { name: 'the spec', pod: { spec: { containers: [], terminationGracePeriodSeconds: 60 } }, want: 60, wantProbe: 60 },
  { name: 'the deletion wins', pod: { metadata: { deletionGracePeriodSeconds: 5 }, spec: { containers: [], terminationGracePeriodSeconds: 60 } }, want: 5, wantProbe: 5 },
  { name: 'the probe-level grace for a probe kill', pod: { spec: { containers: [], terminationGracePeriodSeconds: 60 } }, probeGrace: 7, want: 60, wantProbe: 7 },
];
for (const c of graceCases) {
  test(`grace period: ${c.name}`, () => {
    const spec: Container = { name: 'c', livenessProbe: { exec: { command: ['x'] }, ...(c.probeGrace !== undefined ? { terminationGracePeriodSeconds: c.probeGrace } : {}) } };
    assert.equal(podGracePeriod(c.pod), c.want);
    assert.equal(probeKillGracePeriod(c.pod, spec, 'liveness'), c.wantProbe);
  });
}
