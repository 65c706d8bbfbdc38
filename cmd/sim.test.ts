/**
 * `k8ts sim` registration flags: --node-labels and --register-with-taints as upstream's kubelet parses and validates
 * them, and --capacity; every error is a CliError that says what to write instead. The last tests run the command
 * itself (bin/k8ts.js from source) to see that a bad flag stops it before it connects anywhere.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors.js';
import { parseCapacity, parseNodeLabels, parseRegisterWithTaints, toSimRegistration } from './sim.js';

const BIN = fileURLToPath(new URL('../bin/k8ts.js', import.meta.url));

const cliError = (re: RegExp) => (err: unknown) => {
  assert.ok(err instanceof CliError, `expected a CliError, got ${String(err)}`);
  assert.match(err.message, re);
  return true;
};

test('--node-labels: key=value pairs, trimmed, repeated flags add up, a later value wins', () => {
  assert.deepEqual(parseNodeLabels(['a=1, example.com/pool = blue ,']), { a: '1', 'example.com/pool': 'blue' });
  assert.deepEqual(parseNodeLabels(['a=1', 'b=2,a=3']), { a: '3', b: '2' });
  assert.deepEqual(parseNodeLabels(['empty=']), { empty: '' });
});

test('--node-labels: the kubernetes.io labels a kubelet may set (upstream IsKubeletLabel)', () => {
  const ok = [
    'topology.kubernetes.io/zone=a',
    'topology.kubernetes.io/region=r',
    'kubernetes.io/hostname=h',
    'node.kubernetes.io/instance-type=big',
    'kubelet.kubernetes.io/x=1',
    'foo.node.kubernetes.io/bar=1',
    'example.com/role=db',
  ];
  for (const l of ok) assert.doesNotThrow(() => parseNodeLabels([l]), l);
  assert.throws(
    () => parseNodeLabels(['node-role.kubernetes.io/master=,foo.k8s.io/x=1']),
    cliError(/^unknown 'kubernetes\.io' or 'k8s\.io' labels specified with --node-labels: \[foo\.k8s\.io\/x node-role\.kubernetes\.io\/master\]; .*allowed prefix \(kubelet\.kubernetes\.io, node\.kubernetes\.io\).*kubectl label node$/),
  );
});

const labelErrors: Array<[string, string, RegExp]> = [
  ['no =', 'zone', /^--node-labels "zone": malformed pair, expect key=value \(e\.g\. --node-labels disktype=ssd/],
  ['bad key', 'bad key!=x', /^invalid node labels: "bad key!": name part must consist of alphanumeric characters/],
  ['bad prefix', 'Example.COM/x=1', /^invalid node labels: "Example\.COM\/x": prefix part a lowercase RFC 1123 subdomain/],
  ['empty key', '=v', /^invalid node labels: "": name part must be non-empty/],
  ['bad value', 'k=-x-', /^invalid node labels: "-x-": a valid label must be an empty string or consist of alphanumeric/],
  ['long value', `k=${'v'.repeat(64)}`, /must be no more than 63 characters/],
];
for (const [name, value, want] of labelErrors) test(`--node-labels rejects ${name}`, () => assert.throws(() => parseNodeLabels([value]), cliError(want)));

test('--register-with-taints: key=value:Effect and key:Effect, in order, repeated flags add up', () => {
  assert.deepEqual(parseRegisterWithTaints(['dedicated=gpu:NoSchedule,example.com/spot:PreferNoSchedule', 'k=v:NoExecute']), [
    { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
    { key: 'example.com/spot', effect: 'PreferNoSchedule' },
    { key: 'k', value: 'v', effect: 'NoExecute' },
  ]);
  // One key may carry several effects.
  assert.equal(parseRegisterWithTaints(['k:NoSchedule,k:NoExecute']).length, 2);
});

const taintErrors: Array<[string, string, RegExp]> = [
  ['no effect', 'dedicated=gpu', /^invalid taint spec: dedicated=gpu \(no effect given\); write key=value:Effect or key:Effect/],
  ['an unknown effect', 'k=v:NoScheduleX', /^invalid taint effect: NoScheduleX, unsupported taint effect; .*NoSchedule, PreferNoSchedule, NoExecute$/],
  ['a lower-case effect', 'k:noschedule', /^invalid taint effect: noschedule/],
  ['two colons', 'k:v:NoSchedule', /^invalid taint spec: k:v:NoSchedule \(too many colons\)/],
  ['two =', 'k=v=w:NoSchedule', /^invalid taint spec: k=v=w:NoSchedule \(more than one '='\)/],
  ['a bad key', 'bad key:NoSchedule', /^invalid taint spec: bad key:NoSchedule, name part must consist of/],
  ['an empty key', '=v:NoSchedule', /^invalid taint spec: =v:NoSchedule, name part must be non-empty/],
  ['a bad value', 'k=a b:NoSchedule', /^invalid taint spec: k=a b:NoSchedule, a valid label must be/],
  ['a duplicate key and effect', 'k=a:NoSchedule,k=b:NoSchedule', /gives the taint k:NoSchedule twice; a node has at most one taint per key and effect$/],
];
for (const [name, value, want] of taintErrors) {
  test(`--register-with-taints rejects ${name}`, () => assert.throws(() => parseRegisterWithTaints([value]), cliError(want)));
}

test('--capacity: standard and extended resources, canonical quantities', () => {
  assert.deepEqual(parseCapacity(['cpu=2,memory=4Gi,pods=110', 'ephemeral-storage=10G,hugepages-2Mi=1Gi,example.com/gpu=4,cpu=1500m']), {
    cpu: '1500m',
    memory: '4Gi',
    pods: '110',
    'ephemeral-storage': '10G',
    'hugepages-2Mi': '1Gi',
    'example.com/gpu': '4',
  });
  assert.deepEqual(parseCapacity(['memory=4096Mi']), { memory: '4Gi' });
});

const capacityErrors: Array<[string, string, RegExp]> = [
  ['no =', 'cpu', /^--capacity "cpu": malformed pair, expect key=value \(e\.g\. --capacity cpu=2,memory=4Gi,pods=110\)$/],
  ['an unknown resource', 'gpu=1', /^--capacity: unknown resource "gpu"; use one of cpu, memory, pods, ephemeral-storage, hugepages-<size>, or an extended resource with a domain/],
  ['a bad name', 'a b=1', /^--capacity: invalid resource name "a b"/],
  ['a bad quantity', 'cpu=two', /^--capacity cpu=two: quantities must match the regular expression .*; write a quantity such as 2, 500m, 4Gi$/],
  ['an empty quantity', 'memory=', /^--capacity memory=: .*; write a quantity such as/],
  ['a negative quantity', 'cpu=-1', /^--capacity cpu=-1: must be greater than or equal to 0$/],
  ['fractional pods', 'pods=1.5', /^--capacity pods=1\.5: must be a whole number of pods, e\.g\. pods=110$/],
];
for (const [name, value, want] of capacityErrors) test(`--capacity rejects ${name}`, () => assert.throws(() => parseCapacity([value]), cliError(want)));

test('toSimRegistration: only the flags given', () => {
  assert.deepEqual(toSimRegistration({}), {});
  assert.deepEqual(toSimRegistration({ nodeLabels: ['a=b'], registerWithTaints: ['t:NoSchedule'], capacity: ['cpu=2'] }), {
    labels: { a: 'b' },
    taints: [{ key: 't', effect: 'NoSchedule' }],
    capacity: { cpu: '2' },
  });
});

test('k8ts sim: a bad registration flag is one error line and exit 1, before any kubeconfig is read', () => {
  const r = spawnSync(process.execPath, [BIN, 'sim', '--nodes', '1', '--kubeconfig', '/nonexistent/kubeconfig', '--register-with-taints', 'dedicated=gpu'], {
    env: { ...process.env, K8TS_FROM_SOURCE: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr, 'error: invalid taint spec: dedicated=gpu (no effect given); write key=value:Effect or key:Effect, separated by commas, with Effect one of NoSchedule, PreferNoSchedule, NoExecute\n');
  assert.equal(r.stdout, '');
});

test('k8ts sim --help lists the registration flags', () => {
  const r = spawnSync(process.execPath, [BIN, 'sim', '--help'], { env: { ...process.env, K8TS_FROM_SOURCE: '1' }, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  for (const flag of ['--node-labels <key=value,...>', '--register-with-taints <key=value:Effect,...>', '--capacity <resource=quantity,...>']) {
    assert.ok(r.stdout.includes(flag), `${flag} in:\n${r.stdout}`);
  }
});
