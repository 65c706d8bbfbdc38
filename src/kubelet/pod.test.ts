import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { CONFIG_MAPS } from '../client/resources.js';
import { ClientConfigSource } from './pod/config/client-source.js';
import type { PodConfigSource } from './pod/config/source.js';
import type { ContainerConfig, PodSandboxConfig } from './runtime/interface.js';
import { Harness } from './testing/harness.js';

const cond = (p: Pod | undefined, type: string) => p?.status?.conditions?.find((c) => c.type === type);
const condStatuses = (p: Pod | undefined) => Object.fromEntries((p?.status?.conditions ?? []).map((c) => [c.type, c.status]));

test('a pod goes Pending (ContainerCreating) → Running → Ready with full status', async () => {
  const h = new Harness({ runtimeOptions: { startDelayMs: 2000 } });
  await h.start();
  await h.createPod('web', {});
  let p = h.pod('web')!;
  assert.equal(p.status?.phase, 'Pending');
  assert.deepEqual(p.status?.containerStatuses?.[0]?.state, { waiting: { reason: 'ContainerCreating' } });
  assert.equal(p.status?.podIP, '10.244.7.2');
  assert.deepEqual(p.status?.podIPs, [{ ip: '10.244.7.2' }]);
  assert.deepEqual(p.status?.hostIPs, [{ ip: '10.0.0.1' }]);
  assert.equal(p.status?.startTime, '2026-01-01T00:00:00Z');
  assert.equal(p.status?.qosClass, 'BestEffort');
  assert.deepEqual(condStatuses(p), { PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'False', ContainersReady: 'False', PodScheduled: 'True' });
  assert.equal(cond(p, 'Ready')?.reason, 'ContainersNotReady');
  assert.equal(cond(p, 'Ready')?.message, 'containers with unready status: [c]');
  await h.advance(2000);
  p = h.pod('web')!;
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual(p.status?.conditions?.map((c) => c.type), ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);
  assert.deepEqual(condStatuses(p), { PodReadyToStartContainers: 'True', Initialized: 'True', Ready: 'True', ContainersReady: 'True', PodScheduled: 'True' });
  assert.equal(cond(p, 'Ready')?.lastTransitionTime, '2026-01-01T00:00:02Z');
  assert.equal(cond(p, 'PodScheduled')?.lastTransitionTime, '2026-01-01T00:00:00.000Z');
  const cs = p.status!.containerStatuses![0]!;
  assert.deepEqual(cs.state, { running: { startedAt: '2026-01-01T00:00:02Z' } });
  assert.deepEqual([cs.name, cs.ready, cs.started, cs.restartCount, cs.image], ['c', true, true, 0, 'docker.io/library/nginx:latest']);
  assert.match(cs.imageID, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  assert.match(cs.containerID!, /^fake:\/\/[0-9a-f]+$/);
  const writes = h.client.countWrites('pods', 'patch', 'status');
  assert.ok(writes >= 2, 'the status was patched (ContainerCreating, then Running)');
  await h.advance(60_000, 1000);
  assert.equal(h.client.countWrites('pods', 'patch', 'status'), writes, 'no writes while nothing changes');
  h.stop();
});

test('sleep N runs to completion: Succeeded, PodCompleted, sandbox stopped and IP released', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('job', { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '5'] }] });
  assert.equal(h.pod('job')?.status?.phase, 'Running');
  await h.advance(4_900);
  assert.equal(h.pod('job')?.status?.phase, 'Running');
  await h.advance(100);
  const p = h.pod('job')!;
  assert.equal(p.status?.phase, 'Succeeded');
  assert.deepEqual(p.status?.containerStatuses?.[0]?.state?.terminated, {
    exitCode: 0, reason: 'Completed', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:05Z', containerID: p.status?.containerStatuses?.[0]?.containerID,
  });
  assert.deepEqual(condStatuses(p), { PodReadyToStartContainers: 'False', Initialized: 'True', Ready: 'False', ContainersReady: 'False', PodScheduled: 'True' });
  assert.equal(cond(p, 'Ready')?.reason, 'PodCompleted');
  assert.equal(p.status?.podIP, '10.244.7.2', 'a terminated pod keeps its IP in status');
  assert.equal(h.node.runtime.stats().ipsInUse, 0);
  h.stop();
});

test('an exit code with restartPolicy Never → Failed with the code', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('bad', { restartPolicy: 'Never' }, { 'k8ts.io/fake-exit-code': '3', 'k8ts.io/fake-exit-after': '2s' });
  assert.equal(h.pod('bad')?.status?.phase, 'Running');
  await h.advance(2_000);
  const p = h.pod('bad')!;
  assert.equal(p.status?.phase, 'Failed');
  assert.deepEqual([p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode, p.status?.containerStatuses?.[0]?.state?.terminated?.reason], [3, 'Error']);
  assert.equal(p.status?.containerStatuses?.[0]?.restartCount, 0);
  h.stop();
});

test('an exit code with restartPolicy Always → restarts with CrashLoopBackOff 10 s, 20 s, 40 s', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('crash', {}, { 'k8ts.io/fake-exit-code': '1' });
  // The first restart is immediate (as upstream): attempt 0 exits at once (t=0, seen at the first tick), attempt 1
  // starts at t=0.1 s and exits then, then backs off 10 s (until t=10.1 s), then 20 s, 40 s.
  await h.advance(200);
  let p = h.pod('crash')!;
  let cs = p.status!.containerStatuses![0]!;
  assert.equal(p.status?.phase, 'Running');
  assert.equal(cs.restartCount, 1);
  assert.equal(cs.state?.waiting?.reason, 'CrashLoopBackOff');
  assert.match(cs.state!.waiting!.message!, /^back-off 10s restarting failed container=c pod=crash_default\(uid-\d+\)$/);
  assert.deepEqual([cs.lastState?.terminated?.exitCode, cs.lastState?.terminated?.reason], [1, 'Error']);
  assert.equal(cs.ready, false);
  await h.advance(9_800);
  assert.equal(h.pod('crash')!.status!.containerStatuses![0]!.restartCount, 1);
  await h.advance(200);
  cs = h.pod('crash')!.status!.containerStatuses![0]!;
  assert.equal(cs.restartCount, 2);
  assert.match(cs.state!.waiting!.message!, /^back-off 20s /);
  await h.advance(20_000);
  cs = h.pod('crash')!.status!.containerStatuses![0]!;
  assert.equal(cs.restartCount, 3);
  assert.match(cs.state!.waiting!.message!, /^back-off 40s /);
  h.stop();
});

test('restartPolicy OnFailure restarts a failed container but lets a successful one complete', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('ok', { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '1'] }] });
  await h.advance(1_000);
  assert.equal(h.pod('ok')?.status?.phase, 'Succeeded');
  await h.createPod('fail', { restartPolicy: 'OnFailure' }, { 'k8ts.io/fake-exit-code': '2' });
  await h.advance(200);
  assert.equal(h.pod('fail')?.status?.phase, 'Running');
  assert.equal(h.pod('fail')?.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
  h.stop();
});

test('k8ts.io/fake-ready: "false" keeps a running pod not Ready', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('unready', {}, { 'k8ts.io/fake-ready': 'false' });
  const p = h.pod('unready')!;
  assert.equal(p.status?.phase, 'Running');
  assert.deepEqual([p.status?.containerStatuses?.[0]?.ready, p.status?.containerStatuses?.[0]?.started], [false, true]);
  assert.deepEqual([cond(p, 'Ready')?.status, cond(p, 'ContainersReady')?.status], ['False', 'False']);
  h.stop();
});

test('graceful deletion: containers stopped within the grace, then the pod is deleted with grace 0', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('slow', { terminationGracePeriodSeconds: 30 }, { 'k8ts.io/fake-termination-delay': '5s' });
  assert.equal(h.pod('slow')?.status?.phase, 'Running');
  const uid = h.pod('slow')!.metadata!.uid!;
  await h.deletePod('slow');
  assert.ok(h.pod('slow')?.metadata?.deletionTimestamp, 'kept while the kubelet stops it');
  await h.advance(4_900);
  assert.ok(h.pod('slow'));
  assert.equal(h.node.runtime.stats().ipsInUse, 1);
  await h.advance(100);
  assert.equal(h.pod('slow'), undefined);
  const deletes = h.client.writes.filter((w) => w.verb === 'delete');
  assert.equal(deletes.length, 2);
  assert.deepEqual(deletes[1]!.options, { gracePeriodSeconds: 0, preconditions: { uid } });
  await h.advance(100);
  assert.deepEqual(h.node.runtime.stats(), { sandboxes: 0, containers: 0, ipsInUse: 0 });
  assert.equal(h.node.kubelet.podCount, 0);
  h.stop();
});

test('a container ignoring SIGTERM is killed at the grace period', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('stubborn', {}, { 'k8ts.io/fake-termination-delay': '1h' });
  await h.client.delete({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true }, 'default', 'stubborn', { gracePeriodSeconds: 3 });
  await h.advance(2_900);
  assert.ok(h.pod('stubborn'));
  await h.advance(100);
  assert.equal(h.pod('stubborn'), undefined);
  h.stop();
});

test('init containers run first, one at a time, in order', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('init', {
    initContainers: [
      { name: 'first', image: 'busybox', command: ['sleep', '2'] },
      { name: 'second', image: 'busybox', command: ['sleep', '3'] },
    ],
  });
  const state = () => {
    const p = h.pod('init')!;
    const s = (c: { state?: object } | undefined) => Object.keys(c?.state ?? {})[0];
    return [p.status?.phase, s(p.status?.initContainerStatuses?.[0]), s(p.status?.initContainerStatuses?.[1]), s(p.status?.containerStatuses?.[0]), cond(p, 'Initialized')?.status];
  };
  assert.deepEqual(state(), ['Pending', 'running', 'waiting', 'waiting', 'False']);
  assert.equal(cond(h.pod('init'), 'Initialized')?.message, 'containers with incomplete status: [first second]');
  assert.equal(h.pod('init')?.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'PodInitializing');
  await h.advance(2_000);
  assert.deepEqual(state(), ['Pending', 'terminated', 'running', 'waiting', 'False']);
  await h.advance(3_000);
  assert.deepEqual(state(), ['Running', 'terminated', 'terminated', 'running', 'True']);
  h.stop();
});

test('a failing init container with restartPolicy Never fails the pod; app containers never start', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('initfail', { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'busybox' }] }, { 'k8ts.io/fake-exit-code.setup': '7' });
  await h.advance(100);
  const p = h.pod('initfail')!;
  assert.equal(p.status?.phase, 'Failed');
  assert.equal(p.status?.initContainerStatuses?.[0]?.state?.terminated?.exitCode, 7);
  assert.equal(p.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'PodInitializing');
  assert.equal(h.node.runtime.stats().containers, 1);
  h.stop();
});

test('a pod force-deleted from the API has its sandbox removed', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('gone', {});
  await h.deletePod('gone', 0);
  await h.advance(100);
  assert.deepEqual(h.node.runtime.stats(), { sandboxes: 0, containers: 0, ipsInUse: 0 });
  h.stop();
});

test('a status conflict is retried from a fresh read', async () => {
  const h = new Harness({ runtimeOptions: { startDelayMs: 1000 } });
  await h.start();
  await h.createPod('c1', {});
  // Someone else changes the pod (a label) behind the kubelet's cache: its next status PUT conflicts once.
  const k = 'pods/default/c1';
  const cur = structuredClone(h.client.objects.get(k)!);
  cur.metadata!.resourceVersion = '999';
  h.client.objects.set(k, cur);
  await h.advance(1_000);
  assert.equal(h.pod('c1')?.status?.phase, 'Running');
  h.stop();
});

test('a container whose ConfigMap cannot be read waits with CreateContainerConfigError; optional references run', async () => {
  const h = new Harness();
  await h.start();
  await h.createPod('cfg', { containers: [{ name: 'c', image: 'busybox', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app', key: 'k' } } }] }] });
  await h.createPod('opt', { containers: [{ name: 'c', image: 'busybox', envFrom: [{ configMapRef: { name: 'app', optional: true } }] }] });
  const p = h.pod('cfg')!;
  assert.equal(p.status?.phase, 'Pending');
  assert.deepEqual(p.status?.containerStatuses?.[0]?.state, {
    waiting: { reason: 'CreateContainerConfigError', message: "couldn't get configMap default/app, no kubeClient defined" },
  });
  assert.equal(h.pod('opt')?.status?.phase, 'Running');
  assert.equal(h.node.runtime.stats().containers, 1, 'only the optional one was created');
  await h.advance(10_000, 1000);
  assert.equal(h.pod('cfg')?.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CreateContainerConfigError', 'retried, still waiting');
  h.stop();
});

test('the kubelet options reach the pods: configSource, resolvConf, clusterDNS, podLogsDir, podsDir', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-kubelet-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const resolvConf = join(root, 'resolv.conf');
  await writeFile(resolvConf, 'nameserver 9.9.9.9\nsearch corp.example\n');
  let h: Harness | undefined;
  const client = () => new ClientConfigSource(h!.client);
  const configSource: PodConfigSource = { configMap: (ns, n) => client().configMap(ns, n), secret: (ns, n) => client().secret(ns, n), services: (ns) => client().services(ns) };
  h = new Harness({ kubelet: { configSource, resolvConf, clusterDNS: ['10.96.0.53'], podLogsDir: join(root, 'logs'), podsDir: join(root, 'pods') } });
  const sandboxes: PodSandboxConfig[] = [];
  const containers: ContainerConfig[] = [];
  const rt = h.node.runtime;
  const [run, create] = [rt.runPodSandbox.bind(rt), rt.createContainer.bind(rt)];
  rt.runPodSandbox = (c) => (sandboxes.push(c), run(c));
  rt.createContainer = (id, c) => (containers.push(c), create(id, c));
  await h.client.create(CONFIG_MAPS, 'default', { metadata: { name: 'app' }, data: { mode: 'prod' } });
  await h.start();
  await h.createPod('def', { dnsPolicy: 'Default', containers: [{ name: 'c', image: 'busybox', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }] }] });
  await h.createPod('cf', {});
  // The kubelet writes real files here, which the harness's settling does not wait for: poll with a deadline.
  const deadline = Date.now() + 5_000;
  while (h.pod('def')?.status?.phase !== 'Running' || h.pod('cf')?.status?.phase !== 'Running') {
    assert.ok(Date.now() < deadline, 'both pods run within 5 s');
    await new Promise((r) => setTimeout(r, 10));
  }
  const dns = (name: string) => sandboxes.find((s) => s.metadata.name === name)?.dnsConfig;
  assert.deepEqual(dns('def'), { servers: ['9.9.9.9'], searches: ['corp.example'], options: [] });
  assert.deepEqual(dns('cf'), { servers: ['10.96.0.53'], searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'], options: ['ndots:5'] });
  assert.deepEqual(containers.find((c) => c.envs.length > 0)?.envs, [{ key: 'MODE', value: 'prod' }]);
  const uid = h.pod('def')!.metadata!.uid!;
  assert.ok((await stat(join(root, 'logs', `default_def_${uid}`, 'c'))).isDirectory(), 'container log directory created');
  assert.ok((await stat(join(root, 'pods', uid, 'etc-hosts'))).isFile(), 'managed hosts file written');
  h.stop();
});
