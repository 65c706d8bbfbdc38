import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../../machinery/clock/clock.js';
import type { ContainerEvent, PodSandboxConfig } from '../interface.js';
import { PodCIDRAllocator } from './ipam.js';
import { FakeRuntime } from './runtime.js';

const sandbox = (uid: string, annotations: Record<string, string> = {}): PodSandboxConfig => ({
  metadata: { name: uid, uid, namespace: 'ns', attempt: 0 },
  labels: {},
  annotations,
});
const config = (name: string, command: string[] = []) => ({ metadata: { name, attempt: 0 }, image: { image: 'busybox' }, command, args: [], envs: [], labels: {}, annotations: {} });

test('IPs come from the /24, .2 to .254, and are reused only after a full round', () => {
  const a = new PodCIDRAllocator('10.244.3.0/24');
  const first = a.allocate();
  assert.equal(first, '10.244.3.2');
  a.release(first);
  assert.equal(a.allocate(), '10.244.3.3');
  for (let i = 0; i < 251; i++) a.allocate();
  assert.equal(a.allocate(), '10.244.3.2');
  assert.throws(() => a.allocate(), /no IP addresses available/);
  assert.throws(() => new PodCIDRAllocator('10.244.0.0/16'), /\/24/);
});

test('a container starts after the delay, sleeps N seconds, exits 0, with events', async () => {
  const clock = new FakeClock();
  const rt = new FakeRuntime({ clock, podCIDR: '10.244.1.0/24', startDelayMs: 1000 });
  const events: ContainerEvent['type'][] = [];
  rt.subscribeContainerEvents((e) => events.push(e.type));
  const sid = await rt.runPodSandbox(sandbox('u1'));
  assert.equal((await rt.podSandboxStatus(sid)).network.ip, '10.244.1.2');
  const cid = await rt.createContainer(sid, config('c', ['sleep', '5']));
  await rt.startContainer(cid);
  assert.equal((await rt.containerStatus(cid)).state, 'CONTAINER_CREATED');
  clock.step(1000);
  const running = await rt.containerStatus(cid);
  assert.equal(running.state, 'CONTAINER_RUNNING');
  assert.equal(running.startedAt, clock.now().getTime());
  assert.match(running.imageRef, /^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
  clock.step(4999);
  assert.equal((await rt.containerStatus(cid)).state, 'CONTAINER_RUNNING');
  clock.step(1);
  const exited = await rt.containerStatus(cid);
  assert.deepEqual([exited.state, exited.exitCode, exited.reason], ['CONTAINER_EXITED', 0, 'Completed']);
  assert.deepEqual(events, ['CONTAINER_CREATED_EVENT', 'CONTAINER_STARTED_EVENT', 'CONTAINER_STOPPED_EVENT']);
});

test('stop waits for a SIGTERM-ignoring container until the grace period, then kills it (137)', async () => {
  const clock = new FakeClock();
  const rt = new FakeRuntime({ clock, podCIDR: '10.244.1.0/24' });
  const sid = await rt.runPodSandbox(sandbox('u1', { 'k8ts.io/fake-termination-delay': '60s' }));
  const cid = await rt.createContainer(sid, config('c'));
  await rt.startContainer(cid);
  let done = false;
  const p = rt.stopContainer(cid, 5).then(() => (done = true));
  clock.step(4999);
  await Promise.resolve();
  assert.equal(done, false);
  clock.step(1);
  await p;
  assert.equal((await rt.containerStatus(cid)).exitCode, 137);
});

test('stopping and removing a sandbox releases its IP and removes its containers', async () => {
  const clock = new FakeClock();
  const rt = new FakeRuntime({ clock, podCIDR: '10.244.1.0/24' });
  const sid = await rt.runPodSandbox(sandbox('u1'));
  await rt.startContainer(await rt.createContainer(sid, config('c')));
  await rt.stopPodSandbox(sid);
  assert.equal((await rt.podSandboxStatus(sid)).state, 'SANDBOX_NOTREADY');
  assert.deepEqual(rt.stats(), { sandboxes: 1, containers: 1, ipsInUse: 0 });
  await rt.removePodSandbox(sid);
  assert.deepEqual(rt.stats(), { sandboxes: 0, containers: 0, ipsInUse: 0 });
  await assert.rejects(rt.podSandboxStatus(sid), /not found/);
  assert.equal((await rt.listContainers({ podUid: 'u1' })).length, 0);
});
