import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, Pod, PodSpec, ResourceRequirements } from 'kubernetes-types/core/v1.js';
import { buildContainerConfig, type ContainerContext } from './container-config.js';
import { linuxResources, milliCPUToQuota, milliCPUToShares, oomScoreAdj } from './resources.js';
import { containerSecurityContext } from './security-context.js';
import { ContainerStartError } from './source.js';
import { container, testPod } from './testing.js';

const GI = 1024 ** 3;
const ctx = (over: Partial<ContainerContext> = {}): ContainerContext => ({
  env: { serviceEnv: new Map([['SVC_SERVICE_HOST', '10.96.0.5']]), allocatable: {}, hostIPs: ['10.0.0.1'], podIPs: ['10.244.0.5'] },
  attempt: 3,
  init: false,
  logs: false,
  memoryCapacity: 10 * GI,
  ...over,
});

test('buildContainerConfig: command/args expanded with the final env, workingDir, stdin/tty, labels, logPath, hosts mount', async () => {
  const c = container({
    command: ['sh', '-c', 'echo $(GREETING) $$(GREETING) $(SVC_SERVICE_HOST) $(UNDEFINED)'],
    args: ['$(GREETING)'],
    env: [{ name: 'GREETING', value: 'hi' }],
    workingDir: '/work',
    stdin: true,
    stdinOnce: true,
    tty: true,
  });
  const cfg = await buildContainerConfig(testPod({ containers: [c] }), c, ctx({ logs: true, hostsFile: '/pods/uid-1/etc-hosts' }));
  assert.deepEqual(cfg.command, ['sh', '-c', 'echo hi $(GREETING) 10.96.0.5 $(UNDEFINED)']);
  assert.deepEqual(cfg.args, ['hi']);
  assert.deepEqual(cfg.envs, [{ key: 'GREETING', value: 'hi' }, { key: 'SVC_SERVICE_HOST', value: '10.96.0.5' }]);
  assert.deepEqual([cfg.workingDir, cfg.stdin, cfg.stdinOnce, cfg.tty], ['/work', true, true, true]);
  assert.deepEqual(cfg.metadata, { name: 'c', attempt: 3 });
  assert.equal(cfg.logPath, 'c/3.log');
  assert.deepEqual(cfg.labels, { 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'ns1', 'io.kubernetes.pod.uid': 'uid-1', 'io.kubernetes.container.name': 'c' });
  assert.deepEqual(cfg.mounts, [{ containerPath: '/etc/hosts', hostPath: '/pods/uid-1/etc-hosts', readonly: false }]);
});

test('buildContainerConfig: no logPath without a log directory, no hosts mount without a hosts file or when the container mounts its own', async () => {
  const own = container({ volumeMounts: [{ name: 'v', mountPath: '/etc/hosts' }] });
  const plain = await buildContainerConfig(testPod(), container(), ctx());
  const mine = await buildContainerConfig(testPod({ containers: [own] }), own, ctx({ hostsFile: '/pods/uid-1/etc-hosts' }));
  assert.equal('logPath' in plain, false, 'no logPath');
  assert.deepEqual([plain.mounts, mine.mounts], [[], []]);
  assert.deepEqual([plain.stdin, plain.tty, plain.workingDir], [undefined, undefined, undefined]);
});

test('buildContainerConfig: volume mounts come first, then the hosts file', async () => {
  const vol = { containerPath: '/data', hostPath: '/pods/uid-1/volumes/kubernetes.io~empty-dir/data', readonly: false };
  const cfg = await buildContainerConfig(testPod(), container(), ctx({ volumeMounts: async () => [vol], hostsFile: '/pods/uid-1/etc-hosts' }));
  assert.deepEqual(cfg.mounts, [vol, { containerPath: '/etc/hosts', hostPath: '/pods/uid-1/etc-hosts', readonly: false }]);
});

test('buildContainerConfig: init containers carry the init annotation', async () => {
  const cfg = await buildContainerConfig(testPod(), container(), ctx({ init: true }));
  assert.deepEqual(cfg.annotations, { 'k8ts.io/init-container': 'true' });
});

const nonRootCases: { name: string; spec: Partial<PodSpec>; c: Partial<Container>; fails: boolean }[] = [
  { name: 'runAsNonRoot with runAsUser 0 (container)', spec: {}, c: { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, fails: true },
  { name: 'pod runAsNonRoot with pod runAsUser 0', spec: { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, c: {}, fails: true },
  { name: 'container runAsUser 1000 overrides the pod 0', spec: { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, c: { securityContext: { runAsUser: 1000 } }, fails: false },
  { name: 'container runAsNonRoot false overrides the pod', spec: { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, c: { securityContext: { runAsNonRoot: false } }, fails: false },
  { name: 'runAsNonRoot without a runAsUser (image user unknown: accepted)', spec: {}, c: { securityContext: { runAsNonRoot: true } }, fails: false },
];
for (const t of nonRootCases) {
  test(`buildContainerConfig runAsNonRoot: ${t.name}`, async () => {
    const c = container(t.c);
    const p = buildContainerConfig(testPod({ ...t.spec, containers: [c] }), c, ctx());
    if (!t.fails) return void (await p);
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof ContainerStartError, 'a ContainerStartError');
      assert.equal(e.reason, 'CreateContainerConfigError');
      assert.equal(e.message, `container's runAsUser breaks non-root policy (pod: "web_ns1(uid-1)", container: c)`);
      return true;
    });
  });
}

test('milliCPUToShares and milliCPUToQuota: upstream arithmetic and bounds', () => {
  assert.deepEqual([0, 1, 250, 1000, 1500, 1_000_000].map(milliCPUToShares), [2, 2, 256, 1024, 1536, 262144]);
  assert.deepEqual([0, 1, 5, 10, 250, 1000, 2500].map((m) => milliCPUToQuota(m, 100_000)), [0, 1000, 1000, 1000, 25000, 100000, 250000]);
});

const resourceCases: { name: string; r: ResourceRequirements; want: object }[] = [
  { name: 'none (BestEffort)', r: {}, want: { cpuShares: 2, cpuPeriod: 100000, cpuQuota: 0, oomScoreAdj: 1000 } },
  { name: 'requests only (Burstable)', r: { requests: { cpu: '500m', memory: '1Gi' } }, want: { cpuShares: 512, cpuPeriod: 100000, cpuQuota: 0, oomScoreAdj: 900 } },
  { name: 'limit only: request is the limit', r: { limits: { cpu: '250m' } }, want: { cpuShares: 256, cpuPeriod: 100000, cpuQuota: 25000, oomScoreAdj: 999 } },
  {
    name: 'equal requests and limits (Guaranteed)',
    r: { requests: { cpu: '1', memory: '128Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    want: { cpuShares: 1024, cpuPeriod: 100000, cpuQuota: 100000, memoryLimitInBytes: 128 * 1024 * 1024, oomScoreAdj: -997 },
  },
];
for (const t of resourceCases) {
  test(`linuxResources: ${t.name}`, () => {
    const c = container({ resources: t.r });
    assert.deepEqual(linuxResources(testPod({ containers: [c] }), c, 10 * GI), t.want);
  });
}

const oomCases: [string, Partial<PodSpec>, ResourceRequirements, number][] = [
  ['Burstable, 10 % of memory requested', {}, { requests: { memory: '1Gi' } }, 900],
  ['Burstable, nearly all memory requested: at least 3', {}, { requests: { memory: '10Gi' }, limits: { memory: '20Gi' } }, 3],
  ['Burstable, no memory request: 999 (below BestEffort)', {}, { requests: { cpu: '1' } }, 999],
  ['system-node-critical', { priorityClassName: 'system-node-critical' }, {}, -997],
];
for (const [name, spec, r, want] of oomCases) {
  test(`oomScoreAdj: ${name} → ${want}`, () => {
    const c = container({ resources: r });
    const pod: Pod = testPod({ ...spec, containers: [c] });
    assert.equal(oomScoreAdj(pod, c, 10 * GI), want);
  });
}

test('containerSecurityContext: container over pod for users, container-only fields, noNewPrivs only when explicitly false', () => {
  const pod = testPod({ securityContext: { runAsUser: 1000, runAsGroup: 2000, fsGroup: 3000, supplementalGroups: [4000] } });
  const c = container({
    securityContext: {
      runAsUser: 1001,
      privileged: false,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
    },
  });
  const { maskedPaths, readonlyPaths, ...sc } = containerSecurityContext(pod, c);
  assert.ok(maskedPaths?.includes('/proc/kcore') && maskedPaths.length === 11, `default masked paths: ${maskedPaths}`);
  assert.deepEqual(readonlyPaths, ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']);
  assert.deepEqual(sc, {
    namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' },
    privileged: false,
    noNewPrivs: true,
    runAsUser: 1001,
    runAsGroup: 2000,
    readonlyRootfs: true,
    capabilities: { addCapabilities: ['NET_ADMIN'], dropCapabilities: ['ALL'] },
    supplementalGroups: [3000, 4000],
  });
  const open = containerSecurityContext(testPod(), container({ securityContext: { privileged: true, allowPrivilegeEscalation: true, procMount: 'Unmasked' } }));
  assert.deepEqual(open, { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' }, privileged: true, noNewPrivs: false, maskedPaths: [], readonlyPaths: [] });
  assert.equal(containerSecurityContext(testPod(), container()).noNewPrivs, false, 'unset allowPrivilegeEscalation: no noNewPrivs');
});
