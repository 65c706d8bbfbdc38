import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Container, EnvFromSource, EnvVar } from 'kubernetes-types/core/v1.js';
import { containerEnv, type EnvContext } from './env.js';
import { ContainerStartError, type PodConfigSource } from './source.js';
import { configMap, container, MemoryConfigSource, secret, testPod } from './testing.js';

const source = new MemoryConfigSource({
  configMaps: [configMap('ns1', 'cm', { A: 'from-cm', B: 'b', 'has space': 'x', '1num': 'y', 'dot.ok': 'z' }), configMap('ns1', 'cm2', { A: 'from-cm2' })],
  secrets: [secret('ns1', 'sec', { PASSWORD: 's3cret', TOKEN: 't' })],
});
const pod = testPod({ serviceAccountName: 'sa' }, { labels: { app: 'web', tier: 'fe' }, annotations: { note: 'n' } });

function ctx(over: Partial<EnvContext> = {}): EnvContext {
  return {
    source,
    serviceEnv: new Map([['SVC_SERVICE_HOST', '10.96.0.5'], ['OVERRIDDEN', 'svc']]),
    allocatable: { cpu: '8', memory: '32Gi', 'ephemeral-storage': '100Gi' },
    hostIPs: ['10.0.0.1'],
    podIPs: ['10.244.0.5', 'fd00::5'],
    ...over,
  };
}

async function env(c: Partial<Container>, over: Partial<EnvContext> = {}): Promise<[string, string][]> {
  return (await containerEnv(pod, container(c), ctx(over))).map((e) => [e.key, e.value]);
}

const plain = (over: Partial<EnvContext> = {}) => ctx({ serviceEnv: new Map(), ...over });

const valueCases: { name: string; env: EnvVar[]; want: [string, string][] }[] = [
  { name: 'plain values in order', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }], want: [['X', '1'], ['Y', '2']] },
  { name: 'references to earlier variables expand', env: [{ name: 'X', value: 'a' }, { name: 'Y', value: '$(X)-$(Z)' }, { name: 'Z', value: 'z' }], want: [['X', 'a'], ['Y', 'a-$(Z)'], ['Z', 'z']] },
  { name: 'a redefined name keeps its first position and its last value', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }, { name: 'X', value: '3' }], want: [['X', '3'], ['Y', '2']] },
  { name: 'an empty value', env: [{ name: 'E' }], want: [['E', '']] },
  ...(
    [
      ['metadata.name', 'web'], ['metadata.namespace', 'ns1'], ['metadata.uid', 'uid-1'], ["metadata.labels['app']", 'web'], ["metadata.labels['none']", ''],
      ["metadata.annotations['note']", 'n'], ['metadata.labels', 'app="web"\ntier="fe"'], ['spec.nodeName', 'node-1'], ['spec.serviceAccountName', 'sa'],
      ['status.hostIP', '10.0.0.1'], ['status.hostIPs', '10.0.0.1'], ['status.podIP', '10.244.0.5'], ['status.podIPs', '10.244.0.5,fd00::5'],
    ] as const
  ).map(([path, value]) => ({ name: `fieldRef ${path}`, env: [{ name: 'F', valueFrom: { fieldRef: { fieldPath: path } } }], want: [['F', value]] as [string, string][] })),
];
for (const c of valueCases) {
  test(`containerEnv: ${c.name}`, async () => {
    assert.deepEqual(await env({ env: c.env }, plain()), c.want);
  });
}

const resources = { requests: { cpu: '250m', memory: '64Mi' }, limits: { memory: '1Gi' } };
const resourceCases: [string, string | undefined, string][] = [
  ['requests.cpu', undefined, '1'],
  ['requests.cpu', '1m', '250'],
  ['requests.memory', undefined, String(64 * 1024 * 1024)],
  ['requests.memory', '1Mi', '64'],
  ['limits.memory', '1Mi', '1024'],
  ['limits.memory', '1G', '2'],
  ['limits.cpu', undefined, '8'],
  ['limits.cpu', '1m', '8000'],
  ['limits.ephemeral-storage', '1Gi', '100'],
  ['requests.ephemeral-storage', undefined, '0'],
];
for (const [res, divisor, want] of resourceCases) {
  test(`containerEnv: resourceFieldRef ${res} divisor ${divisor ?? '(1)'} → ${want} (rounded up; unset limits are the allocatable)`, async () => {
    const e: EnvVar = { name: 'R', valueFrom: { resourceFieldRef: { resource: res, ...(divisor ? { divisor } : {}) } } };
    assert.deepEqual(await env({ env: [e], resources }, plain()), [['R', want]]);
  });
}

test('containerEnv: configMapKeyRef, secretKeyRef, and optional ones that are missing are left out', async () => {
  const got = await env({
    env: [
      { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cm', key: 'B' } } },
      { name: 'PW', valueFrom: { secretKeyRef: { name: 'sec', key: 'PASSWORD' } } },
      { name: 'NOKEY', valueFrom: { configMapKeyRef: { name: 'cm', key: 'missing', optional: true } } },
      { name: 'NOCM', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k', optional: true } } },
      { name: 'NOSEC', valueFrom: { secretKeyRef: { name: 'absent', key: 'k', optional: true } } },
    ],
  }, plain());
  assert.deepEqual(got, [['CM', 'b'], ['PW', 's3cret']]);
});

test('containerEnv: envFrom with prefix, invalid names skipped, later sources and env override, env sees envFrom', async () => {
  const envFrom: EnvFromSource[] = [
    { configMapRef: { name: 'cm' } },
    { configMapRef: { name: 'cm2' } },
    { prefix: 'S_', secretRef: { name: 'sec' } },
    { configMapRef: { name: 'absent', optional: true } },
  ];
  const got = await env({ envFrom, env: [{ name: 'B', value: 'env-$(A)' }] }, plain());
  assert.deepEqual(got, [['A', 'from-cm2'], ['B', 'env-from-cm2'], ['dot.ok', 'z'], ['S_PASSWORD', 's3cret'], ['S_TOKEN', 't']]);
});

test('containerEnv: service variables come last, may be referenced, and yield to the container’s own', async () => {
  const got = await env({ env: [{ name: 'OVERRIDDEN', value: 'mine' }, { name: 'URL', value: 'http://$(SVC_SERVICE_HOST)' }] });
  assert.deepEqual(got, [['OVERRIDDEN', 'mine'], ['URL', 'http://10.96.0.5'], ['SVC_SERVICE_HOST', '10.96.0.5']]);
});

const noSource: PodConfigSource | undefined = undefined;
const errorCases: { name: string; c: Partial<Container>; over?: Partial<EnvContext>; message: string }[] = [
  { name: 'missing configmap', c: { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k' } } }] }, message: 'configmap "absent" not found' },
  { name: 'missing configmap key', c: { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k' } } }] }, message: "couldn't find key k in ConfigMap ns1/cm" },
  { name: 'missing secret', c: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'absent', key: 'k' } } }] }, message: 'secret "absent" not found' },
  { name: 'missing secret key', c: { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'sec', key: 'k' } } }] }, message: "couldn't find key k in Secret ns1/sec" },
  { name: 'missing envFrom configmap', c: { envFrom: [{ configMapRef: { name: 'absent' } }] }, message: 'configmap "absent" not found' },
  { name: 'missing envFrom secret', c: { envFrom: [{ secretRef: { name: 'absent' } }] }, message: 'secret "absent" not found' },
  { name: 'no source for a configmap', c: { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'A' } } }] }, over: { source: noSource }, message: "couldn't get configMap ns1/cm, no kubeClient defined" },
  { name: 'no source for a secret', c: { envFrom: [{ secretRef: { name: 'sec' } }] }, over: { source: noSource }, message: "couldn't get secret ns1/sec, no kubeClient defined" },
  { name: 'unsupported fieldPath', c: { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.bogus' } } }] }, message: 'unsupported fieldPath: spec.bogus' },
];
for (const c of errorCases) {
  test(`containerEnv: ${c.name} → CreateContainerConfigError`, async () => {
    await assert.rejects(containerEnv(pod, container(c.c), plain(c.over)), (e: unknown) => {
      assert.ok(e instanceof ContainerStartError, 'a ContainerStartError');
      assert.deepEqual([e.reason, e.message], ['CreateContainerConfigError', c.message]);
      return true;
    });
  });
}

test('containerEnv: without a source, optional references are left out', async () => {
  const got = await env({ env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'A', optional: true } } }], envFrom: [{ secretRef: { name: 's', optional: true } }] }, plain({ source: undefined }));
  assert.deepEqual(got, []);
});

test('containerEnv: a ConfigMap referenced twice is read once', async () => {
  const src = new MemoryConfigSource({ configMaps: [configMap('ns1', 'cm', { A: '1', B: '2' })] });
  await env({ envFrom: [{ configMapRef: { name: 'cm' } }], env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'B' } } }] }, plain({ source: src }));
  assert.deepEqual(src.reads, ['configmap ns1/cm']);
});
