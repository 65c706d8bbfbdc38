import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { FakeClock } from '../../machinery/clock/clock.js';
import { FakeImageService } from '../runtime/fake/images.js';
import { FakeRuntime } from '../runtime/fake/runtime.js';
import type { ContainerConfig, ImageSpec, PodSandboxConfig } from '../runtime/interface.js';
import { runningIsReady } from '../types.js';
import type { PodConfigSource } from './config/source.js';
import { configMap, MemoryConfigSource, service, testPod } from './config/testing.js';
import { PodSyncer, START_RETRY_MS, type PodSyncerOptions } from './sync.js';

/** The fake runtime, recording the configurations it is given. */
class RecordingRuntime extends FakeRuntime {
  readonly sandboxConfigs: PodSandboxConfig[] = [];
  readonly containerConfigs: ContainerConfig[] = [];
  override async runPodSandbox(config: PodSandboxConfig): Promise<string> {
    this.sandboxConfigs.push(config);
    return super.runPodSandbox(config);
  }
  override async createContainer(id: string, config: ContainerConfig): Promise<string> {
    this.containerConfigs.push(config);
    return super.createContainer(id, config);
  }
}

/** Fake images whose pulls of `failing` references reject. */
class FlakyImages extends FakeImageService {
  readonly failing = new Set<string>();
  override async pullImage(spec: ImageSpec): Promise<string> {
    if (this.failing.has(spec.image)) throw new Error(`failed to resolve reference "${spec.image}": not found`);
    return super.pullImage(spec);
  }
}

function setup(over: Partial<PodSyncerOptions> = {}) {
  const clock = new FakeClock();
  const runtime = new RecordingRuntime({ clock, podCIDR: '10.244.3.0/24' });
  const images = new FlakyImages();
  const syncer = new PodSyncer({
    runtime,
    images,
    clock,
    prober: runningIsReady,
    hostIP: '10.0.0.1',
    runtimeName: 'fake',
    dns: { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' },
    allocatable: { cpu: '4', memory: '8Gi' },
    memoryCapacity: 8 * 1024 ** 3,
    ...over,
  });
  return { clock, runtime, images, syncer };
}

const pod = (containers: Container[], extra: Partial<Pod['spec']> = {}): Pod => testPod({ containers, ...extra });
const waiting = (p: { containerStatuses?: { state?: { waiting?: { reason?: string; message?: string } } }[] }, i = 0) => p.containerStatuses?.[i]?.state?.waiting;

test('sync: a missing ConfigMap holds the container with CreateContainerConfigError, creates nothing, and retries', async () => {
  const source = new MemoryConfigSource();
  const { runtime, syncer } = setup({ configSource: source });
  const p = pod([{ name: 'c', image: 'busybox', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } }] }]);
  const r = await syncer.sync(p);
  assert.deepEqual(waiting(r.status), { reason: 'CreateContainerConfigError', message: 'configmap "cfg" not found' });
  assert.equal(r.requeueAfterMs, START_RETRY_MS);
  assert.equal(runtime.containerConfigs.length, 0, 'no container created');
  assert.equal(runtime.stats().sandboxes, 1, 'the sandbox runs');
  const fixed = new MemoryConfigSource({ configMaps: [configMap('ns1', 'cfg', { k: 'v' })] });
  const again = setup({ configSource: fixed });
  const r2 = await again.syncer.sync(p);
  assert.equal(r2.status.containerStatuses?.[0]?.state?.running !== undefined, true, 'running once the ConfigMap exists');
  assert.deepEqual(again.runtime.containerConfigs[0]?.envs, [{ key: 'X', value: 'v' }]);
});

test('sync: one held container does not stop the others', async () => {
  const { runtime, syncer } = setup();
  const p = pod([
    { name: 'bad', image: 'busybox', envFrom: [{ secretRef: { name: 's' } }] },
    { name: 'good', image: 'busybox' },
  ]);
  const r = await syncer.sync(p);
  assert.deepEqual(waiting(r.status, 0), { reason: 'CreateContainerConfigError', message: "couldn't get secret ns1/s, no kubeClient defined" });
  assert.ok(r.status.containerStatuses?.[1]?.state?.running, 'the other container runs');
  assert.deepEqual(runtime.containerConfigs.map((c) => c.metadata.name), ['good']);
});

test('sync: the volume manager sets up first and feeds the mounts; a mount failure is CreateContainerConfigError', async () => {
  const mount = { containerPath: '/data', hostPath: '/v/data' };
  const calls: string[] = [];
  const { runtime, syncer } = setup({
    volumes: {
      setUp: async (p) => void calls.push(`setUp ${p.metadata!.name}`),
      mounts: async (_p, c, env) => {
        calls.push(`mounts ${c.name} GREETING=${env.get('GREETING')}`);
        if (c.name === 'bad') throw new Error('volume "cfg" is not ready');
        return [mount];
      },
      tearDown: async (uid) => void calls.push(`tearDown ${uid}`),
    },
  });
  const p = pod([{ name: 'good', image: 'busybox', env: [{ name: 'GREETING', value: 'hi' }] }, { name: 'bad', image: 'busybox' }]);
  p.spec!.volumes = [{ name: 'cfg', emptyDir: {} }];
  const r = await syncer.sync(p);
  assert.deepEqual(runtime.containerConfigs.map((c) => [c.metadata.name, c.mounts]), [['good', [mount]]]);
  assert.deepEqual(waiting(r.status, 1), { reason: 'CreateContainerConfigError', message: 'volume "cfg" is not ready' });
  await syncer.cleanup(p.metadata!.uid!);
  assert.deepEqual(calls, [`setUp ${p.metadata!.name}`, 'mounts good GREETING=hi', 'mounts bad GREETING=undefined', `tearDown ${p.metadata!.uid}`]);
});

test('sync: volumes that fail to set up keep every container waiting (ContainerCreating) and no sandbox is run', async () => {
  const { runtime, syncer } = setup({
    volumes: {
      setUp: async () => Promise.reject(new Error('MountVolume.SetUp failed for volume "cfg" : configmap "x" not found')),
      mounts: async () => [],
      tearDown: async () => undefined,
    },
  });
  const p = pod([{ name: 'c1', image: 'busybox' }]);
  p.spec!.volumes = [{ name: 'cfg', configMap: { name: 'x' } }];
  const r = await syncer.sync(p);
  assert.deepEqual(waiting(r.status, 0), { reason: 'ContainerCreating', message: 'MountVolume.SetUp failed for volume "cfg" : configmap "x" not found' });
  assert.equal(r.requeueAfterMs, START_RETRY_MS);
  assert.deepEqual(await runtime.listPodSandbox(), []);
});

test('sync: runtime failures of CreateContainer and StartContainer are CreateContainerError and RunContainerError', async () => {
  const { runtime, syncer } = setup();
  const create = runtime.createContainer.bind(runtime);
  const start = runtime.startContainer.bind(runtime);
  runtime.createContainer = async (id, cfg) => {
    if (cfg.metadata.name === 'c1') throw new Error('failed to create containerd container: no space left');
    return create(id, cfg);
  };
  let failStart = '';
  runtime.startContainer = async (id) => {
    if (id === failStart) throw new Error('failed to start: exec: "nope": executable file not found');
    return start(id);
  };
  const origCreate = runtime.createContainer;
  runtime.createContainer = async (id, cfg) => {
    const cid = await origCreate(id, cfg);
    if (cfg.metadata.name === 'c2') failStart = cid;
    return cid;
  };
  const r = await syncer.sync(pod([{ name: 'c1', image: 'busybox' }, { name: 'c2', image: 'busybox' }]));
  assert.deepEqual(waiting(r.status, 0), { reason: 'CreateContainerError', message: 'failed to create containerd container: no space left' });
  assert.deepEqual(waiting(r.status, 1), { reason: 'RunContainerError', message: 'failed to start: exec: "nope": executable file not found' });
  assert.equal(r.requeueAfterMs, START_RETRY_MS);
});

test('sync: ErrImagePull, then ImagePullBackOff within the backoff, then a retry that succeeds', async () => {
  const { clock, images, syncer } = setup();
  images.failing.add('reg.local/app:v1');
  const p = pod([{ name: 'c', image: 'reg.local/app:v1' }]);
  let r = await syncer.sync(p);
  assert.deepEqual(waiting(r.status), { reason: 'ErrImagePull', message: 'failed to resolve reference "reg.local/app:v1": not found' });
  clock.step(5_000);
  r = await syncer.sync(p);
  assert.deepEqual(waiting(r.status), { reason: 'ImagePullBackOff', message: 'Back-off pulling image "reg.local/app:v1": ErrImagePull: failed to resolve reference "reg.local/app:v1": not found' });
  images.failing.clear();
  clock.step(5_000);
  r = await syncer.sync(p);
  assert.ok(r.status.containerStatuses?.[0]?.state?.running, 'pulled and running after the backoff');
  assert.equal(r.requeueAfterMs, undefined);
});

test('sync: the container config carries expansion, service links, resources and log path; the sandbox its DNS', async () => {
  const source: PodConfigSource = new MemoryConfigSource({
    services: [service('default', 'kubernetes', '10.96.0.1', [{ port: 443, name: 'https' }]), service('ns1', 'db', '10.96.0.9', [{ port: 5432 }])],
  });
  const { runtime, syncer } = setup({ configSource: source });
  const c: Container = {
    name: 'app',
    image: 'busybox',
    command: ['sh', '-c', 'echo $(DB_SERVICE_HOST)'],
    env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
    resources: { limits: { cpu: '500m', memory: '64Mi' } },
  };
  await syncer.sync(pod([c], { enableServiceLinks: true }));
  const cfg = runtime.containerConfigs[0]!;
  assert.deepEqual(cfg.command, ['sh', '-c', 'echo 10.96.0.9']);
  const env = new Map(cfg.envs.map((e) => [e.key, e.value]));
  assert.equal(env.get('POD_IP'), '10.244.3.2');
  assert.equal(env.get('KUBERNETES_SERVICE_HOST'), '10.96.0.1');
  assert.equal(env.get('DB_PORT'), 'tcp://10.96.0.9:5432');
  assert.deepEqual(cfg.linux?.resources, { cpuShares: 512, cpuPeriod: 100000, cpuQuota: 50000, memoryLimitInBytes: 64 * 1024 * 1024, oomScoreAdj: -997 }, "limits alone: requests are the limits, Guaranteed");
  assert.equal(cfg.logPath, undefined, 'no podLogsDir: no log path');
  assert.deepEqual(runtime.sandboxConfigs[0]?.dnsConfig?.servers, ['10.96.0.10']);
});

test('sync: with podLogsDir and podsDir the kubelet creates log directories, writes /etc/hosts, and cleans up', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-sync-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const podLogsDir = join(root, 'logs');
  const podsDir = join(root, 'pods');
  const { runtime, syncer } = setup({ podLogsDir, podsDir });
  const p = pod([{ name: 'c', image: 'busybox' }], { hostname: 'h', subdomain: 'sub', hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo'] }] });
  await syncer.sync(p);
  const logDir = join(podLogsDir, 'ns1_web_uid-1');
  assert.equal(runtime.sandboxConfigs[0]?.logDirectory, logDir);
  assert.ok((await stat(join(logDir, 'c'))).isDirectory(), 'the container log directory exists before CreateContainer');
  assert.equal(runtime.containerConfigs[0]?.logPath, 'c/0.log');
  const hostsPath = join(podsDir, 'uid-1', 'etc-hosts');
  assert.deepEqual(runtime.containerConfigs[0]?.mounts, [{ containerPath: '/etc/hosts', hostPath: hostsPath, readonly: false }]);
  const hosts = await readFile(hostsPath, 'utf8');
  assert.match(hosts, /^# Kubernetes-managed hosts file\.\n127\.0\.0\.1\tlocalhost\n/);
  assert.match(hosts, /\n10\.244\.3\.2\th\.sub\.ns1\.svc\.cluster\.local\th\n\n# Entries added by HostAliases\.\n1\.2\.3\.4\tfoo\n$/);
  await syncer.cleanup('uid-1');
  assert.deepEqual([await readdir(podLogsDir), await readdir(podsDir)], [[], []]);
});

test('sync: a hostNetwork pod: no hostname, the node IP as pod IP, the node hosts file under the managed header', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'k8ts-sync-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const nodeHostsFile = join(root, 'node-hosts');
  await writeFile(nodeHostsFile, '127.0.0.1\tlocalhost\n10.0.0.1\tnode-1\n');
  const { runtime, syncer } = setup({ podsDir: join(root, 'pods'), nodeHostsFile });
  const c: Container = { name: 'c', image: 'busybox', env: [{ name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] };
  const r = await syncer.sync(pod([c], { hostNetwork: true, hostAliases: [{ ip: '1.2.3.4', hostnames: ['foo'] }] }));
  assert.equal(runtime.sandboxConfigs[0]?.hostname, undefined);
  assert.deepEqual([r.status.podIP, r.status.podIPs], ['10.0.0.1', [{ ip: '10.0.0.1' }]]);
  assert.equal(r.status.conditions?.find((x) => x.type === 'PodReadyToStartContainers')?.status, 'True');
  assert.deepEqual(runtime.containerConfigs[0]?.envs, [{ key: 'IP', value: '10.0.0.1' }]);
  const hosts = await readFile(join(root, 'pods', 'uid-1', 'etc-hosts'), 'utf8');
  assert.equal(hosts, '# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n10.0.0.1\tnode-1\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo\n');
});
