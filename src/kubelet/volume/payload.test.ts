import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import type { Payload } from './atomic-writer.js';
import { downwardPayload, formatMap } from './downward-api.js';
import { configMapValues, keyedPayload, secretValues, type KeyedSource } from './keyed-payload.js';

const flat = (p: Payload) => Object.fromEntries([...p].map(([k, v]) => [k, [v.data.toString('utf8'), v.mode.toString(8)]]));

const values = configMapValues({ data: { a: 'A', b: 'B' }, binaryData: { bin: Buffer.from([0, 1, 2]).toString('base64') } });

const keyedCases: { name: string; src: KeyedSource; want?: Record<string, [string, string]>; error?: string }[] = [
  { name: 'every key with the default 0644', src: { kind: 'configmap' }, want: { a: ['A', '644'], b: ['B', '644'], bin: ['\u0000\u0001\u0002', '644'] } },
  { name: 'defaultMode applies to every key', src: { kind: 'configmap', defaultMode: 0o400 }, want: { a: ['A', '400'], b: ['B', '400'], bin: ['\u0000\u0001\u0002', '400'] } },
  {
    name: 'items pick keys, with their path and mode (defaultMode otherwise)',
    src: { kind: 'configmap', defaultMode: 0o440, items: [{ key: 'a', path: 'x/y', mode: 0o600 }, { key: 'b', path: 'b.txt' }] },
    want: { 'x/y': ['A', '600'], 'b.txt': ['B', '440'] },
  },
  { name: 'a missing item key of an optional source is skipped', src: { kind: 'configmap', optional: true, items: [{ key: 'nope', path: 'n' }, { key: 'a', path: 'a' }] }, want: { a: ['A', '644'] } },
  { name: 'a missing configmap item key is an error', src: { kind: 'configmap', items: [{ key: 'nope', path: 'n' }] }, error: 'configmap references non-existent config key: nope' },
  { name: 'a missing secret item key is an error', src: { kind: 'secret', items: [{ key: 'nope', path: 'n' }] }, error: 'references non-existent secret key: nope' },
];

for (const c of keyedCases) {
  test(`keyedPayload: ${c.name}`, () => {
    if (c.error) assert.throws(() => keyedPayload(values, c.src), { message: c.error });
    else assert.deepEqual(flat(keyedPayload(values, c.src)), c.want);
  });
}

test('secretValues decodes base64 data; configMapValues keeps data as UTF-8 and decodes binaryData', () => {
  assert.equal(secretValues({ data: { p: Buffer.from('s3cr3t\n').toString('base64') } }).get('p')?.toString(), 's3cr3t\n');
  assert.equal(configMapValues({ data: { u: 'héllo' } }).get('u')?.toString('utf8'), 'héllo');
  assert.equal(secretValues(undefined).size, 0, 'a missing object has no values');
});

const pod: Pod = {
  metadata: { name: 'web', namespace: 'prod', uid: 'u-1', labels: { tier: 'front', app: 'web' }, annotations: { 'a.io/q': 'say "hi"\n' } },
  spec: {
    containers: [{ name: 'c', image: 'i', resources: { limits: { memory: '1Gi' }, requests: { cpu: '250m', memory: '512Mi' } } }],
    initContainers: [{ name: 'init', image: 'i', resources: { requests: { cpu: '1' } } }],
  },
};
const allocatable = { cpu: '4', memory: '8Gi', 'ephemeral-storage': '100Gi' };

const downwardCases: [string, Record<string, unknown>, string][] = [
  ['metadata.name', { fieldRef: { fieldPath: 'metadata.name' } }, 'web'],
  ['metadata.namespace', { fieldRef: { fieldPath: 'metadata.namespace' } }, 'prod'],
  ['metadata.uid', { fieldRef: { fieldPath: 'metadata.uid' } }, 'u-1'],
  ['labels sorted as key="value" lines', { fieldRef: { fieldPath: 'metadata.labels' } }, 'app="web"\ntier="front"'],
  ['annotations quoted as Go %q', { fieldRef: { fieldPath: 'metadata.annotations' } }, 'a.io/q="say \\"hi\\"\\n"'],
  ["one label by key", { fieldRef: { fieldPath: "metadata.labels['tier']" } }, 'front'],
  ['limits.memory in Mi', { resourceFieldRef: { containerName: 'c', resource: 'limits.memory', divisor: '1Mi' } }, '1024'],
  ['unset limits.cpu reads allocatable', { resourceFieldRef: { containerName: 'c', resource: 'limits.cpu' } }, '4'],
  ['requests.cpu in millicores', { resourceFieldRef: { containerName: 'c', resource: 'requests.cpu', divisor: '1m' } }, '250'],
  ['requests.cpu rounds up to whole cores', { resourceFieldRef: { containerName: 'c', resource: 'requests.cpu' } }, '1'],
  ['an init container resource', { resourceFieldRef: { containerName: 'init', resource: 'requests.cpu' } }, '1'],
  ['unset requests read 0', { resourceFieldRef: { containerName: 'c', resource: 'requests.ephemeral-storage' } }, '0'],
];

for (const [name, ref, want] of downwardCases) {
  test(`downwardPayload: ${name}`, () => {
    const p = downwardPayload([{ path: 'f', ...ref }], undefined, pod, allocatable);
    assert.equal(p.get('f')?.data.toString('utf8'), want);
    assert.equal(p.get('f')?.mode, 0o644, 'default mode');
  });
}

for (const [name, ref, error] of [
  ['an unsupported fieldPath', { fieldRef: { fieldPath: 'status.podIP' } }, 'unsupported fieldPath: status.podIP'],
  ['an unknown container', { resourceFieldRef: { containerName: 'x', resource: 'limits.cpu' } }, 'container x not found'],
  ['an unsupported resource', { resourceFieldRef: { containerName: 'c', resource: 'limits.gpu' } }, 'unsupported container resource : limits.gpu'],
] as const) {
  test(`downwardPayload rejects ${name}`, () => {
    assert.throws(() => downwardPayload([{ path: 'f', ...ref }], undefined, pod, allocatable), { message: error });
  });
}

test('downwardPayload: item mode beats defaultMode', () => {
  const p = downwardPayload([{ path: 'a', mode: 0o600, fieldRef: { fieldPath: 'metadata.name' } }, { path: 'b', fieldRef: { fieldPath: 'metadata.name' } }], 0o444, pod);
  assert.deepEqual([p.get('a')?.mode, p.get('b')?.mode], [0o600, 0o444]);
});

test('formatMap of nothing is empty', () => {
  assert.equal(formatMap(undefined), '');
});
