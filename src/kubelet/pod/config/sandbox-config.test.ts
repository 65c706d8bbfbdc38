import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Pod, PodSpec } from 'kubernetes-types/core/v1.js';
import { managedHostsFile } from './hosts-file.js';
import { buildSandboxConfig, type SandboxContext } from './sandbox-config.js';
import { ContainerStartError } from './source.js';
import { testPod } from './testing.js';

const ctx: SandboxContext = { dns: { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' }, podCIDR: '10.244.1.0/24' };

test('buildSandboxConfig: metadata, labels, annotations, hostname, DNS, namespaces, no logDirectory without podLogsDir', () => {
  const pod = testPod({}, { labels: { app: 'web' }, annotations: { a: '1' } });
  assert.deepEqual(buildSandboxConfig(pod, 2, ctx), {
    metadata: { name: 'web', uid: 'uid-1', namespace: 'ns1', attempt: 2 },
    labels: { app: 'web', 'io.kubernetes.pod.name': 'web', 'io.kubernetes.pod.namespace': 'ns1', 'io.kubernetes.pod.uid': 'uid-1' },
    annotations: { a: '1' },
    hostname: 'web',
    podCidr: '10.244.1.0/24',
    dnsConfig: { servers: ['10.96.0.10'], searches: ['ns1.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] },
    portMappings: [],
    linux: { securityContext: { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' }, privileged: false }, sysctls: {} },
  });
});

test('buildSandboxConfig: logDirectory is <podLogsDir>/<ns>_<name>_<uid>', () => {
  assert.equal(buildSandboxConfig(testPod(), 0, { ...ctx, podLogsDir: '/var/log/pods' }).logDirectory, '/var/log/pods/ns1_web_uid-1');
});

const long = 'a'.repeat(60) + '-.-' + 'b'.repeat(10);
const hostnameCases: { name: string; spec: Partial<PodSpec>; podName?: string; want: string | undefined }[] = [
  { name: 'the pod name', spec: {}, want: 'web' },
  { name: 'spec.hostname wins', spec: { hostname: 'h1' }, want: 'h1' },
  { name: 'over 63 characters: cut, then trailing - and . trimmed', spec: {}, podName: long, want: 'a'.repeat(60) },
  { name: 'subdomain alone does not change the hostname', spec: { hostname: 'h1', subdomain: 'sub' }, want: 'h1' },
  { name: 'setHostnameAsFQDN with a subdomain: the FQDN', spec: { hostname: 'h1', subdomain: 'sub', setHostnameAsFQDN: true }, want: 'h1.sub.ns1.svc.cluster.local' },
  { name: 'setHostnameAsFQDN without a subdomain: the short name', spec: { setHostnameAsFQDN: true }, want: 'web' },
  { name: 'hostNetwork: no hostname (the runtime must not set one)', spec: { hostNetwork: true, hostname: 'h1' }, want: undefined },
];
for (const c of hostnameCases) {
  test(`buildSandboxConfig hostname: ${c.name}`, () => {
    const cfg = buildSandboxConfig(testPod(c.spec, c.podName ? { name: c.podName } : {}), 0, ctx);
    assert.equal(cfg.hostname, c.want);
    assert.equal('hostname' in cfg, c.want !== undefined, 'the field is absent, not empty, when there is no hostname');
  });
}

test('buildSandboxConfig: an FQDN over 64 characters is a configuration error', () => {
  const pod = testPod({ hostname: 'h'.repeat(40), subdomain: 'sub', setHostnameAsFQDN: true });
  assert.throws(() => buildSandboxConfig(pod, 0, ctx), (e: unknown) => e instanceof ContainerStartError && /FQDN .* is too long \(64 characters is the max, 66 characters requested\)$/.test(e.message));
});

const nsCases: [string, Partial<PodSpec>, object][] = [
  ['defaults', {}, { network: 'POD', pid: 'CONTAINER', ipc: 'POD' }],
  ['hostNetwork/hostPID/hostIPC', { hostNetwork: true, hostPID: true, hostIPC: true }, { network: 'NODE', pid: 'NODE', ipc: 'NODE' }],
  ['shareProcessNamespace', { shareProcessNamespace: true }, { network: 'POD', pid: 'POD', ipc: 'POD' }],
];
for (const [name, spec, want] of nsCases) {
  test(`buildSandboxConfig namespaces: ${name}`, () => {
    assert.deepEqual(buildSandboxConfig(testPod(spec), 0, ctx).linux?.securityContext?.namespaceOptions, want);
  });
}

test('buildSandboxConfig: pod security context (users, fsGroup then supplementalGroups, sysctls) and privileged when any container is', () => {
  const pod: Pod = testPod({
    securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000, 5000], sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] },
    initContainers: [{ name: 'i', image: 'x', securityContext: { privileged: true } }],
  });
  assert.deepEqual(buildSandboxConfig(pod, 0, ctx).linux, {
    securityContext: { namespaceOptions: { network: 'POD', pid: 'CONTAINER', ipc: 'POD' }, privileged: true, runAsUser: 1000, runAsGroup: 3000, supplementalGroups: [2000, 4000, 5000] },
    sysctls: { 'net.core.somaxconn': '1024' },
  });
});

test('buildSandboxConfig: port mappings of the app containers, a name used once per container', () => {
  const pod = testPod({
    initContainers: [{ name: 'i', image: 'x', ports: [{ containerPort: 1 }] }],
    containers: [
      { name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080, name: 'http' }, { containerPort: 81, name: 'http' }, { containerPort: 53, protocol: 'UDP', hostPort: 53, hostIP: '127.0.0.1' }] },
      { name: 'b', image: 'x', ports: [{ containerPort: 9090 }, { containerPort: 9090 }] },
    ],
  });
  assert.deepEqual(buildSandboxConfig(pod, 0, ctx).portMappings, [
    { protocol: 'TCP', containerPort: 80, hostPort: 8080 },
    { protocol: 'UDP', containerPort: 53, hostPort: 53, hostIp: '127.0.0.1' },
    { protocol: 'TCP', containerPort: 9090 },
  ]);
});

const header = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
const hostsCases: [string, Parameters<typeof managedHostsFile>, string][] = [
  ['pod IP with the hostname', [['10.244.0.5'], 'web', ''], `${header}10.244.0.5\tweb\n`],
  ['every pod IP, FQDN first with a domain', [['10.244.0.5', 'fd00::5'], 'h', 'sub.ns1.svc.cluster.local'], `${header}10.244.0.5\th.sub.ns1.svc.cluster.local\th\nfd00::5\th.sub.ns1.svc.cluster.local\th\n`],
  ['hostAliases after a blank line', [['10.244.0.5'], 'web', '', [{ ip: '1.2.3.4', hostnames: ['foo', 'bar'] }]], `${header}10.244.0.5\tweb\n\n# Entries added by HostAliases.\n1.2.3.4\tfoo\tbar\n`],
];
for (const [name, args, want] of hostsCases) {
  test(`managedHostsFile: ${name}`, () => {
    assert.equal(managedHostsFile(...args), want);
  });
}
