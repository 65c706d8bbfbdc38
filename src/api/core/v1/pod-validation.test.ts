import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { errorMessage, type ErrorList } from '../../../machinery/validation/field.js';
import { defaultPod } from './pod-defaults.js';
import { validatePod } from './pod-validation.js';
import { validatePodUpdate } from './pod-update-validation.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);

function pod(mutate: (p: Pod) => void = () => {}): Pod {
  const p: Pod = {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2024-01-01T00:00:00Z' },
    spec: { containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', emptyDir: {} }] },
  };
  mutate(p);
  defaultPod(p);
  return p;
}

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const cases: { name: string; mutate: (p: Pod) => void; want: string[] }[] = [
  { name: 'valid', mutate: () => {}, want: [] },
  { name: 'missing image', mutate: (p) => delete p.spec!.containers[0]!.image, want: ['spec.containers[0].image: Required value'] },
  { name: 'no containers', mutate: (p) => (p.spec!.containers = []), want: ['spec.containers: Required value'] },
  { name: 'bad container name', mutate: (p) => (p.spec!.containers[0]!.name = 'App_1'), want: [`spec.containers[0].name: Invalid value: "App_1": ${LABEL_MSG}`] },
  {
    name: 'duplicate container names across init containers',
    mutate: (p) => (p.spec!.initContainers = [{ name: 'app', image: 'busybox' }]),
    want: ['spec.initContainers[0].name: Duplicate value: "app"'],
  },
  {
    name: 'mount of unknown volume',
    mutate: (p) => (p.spec!.containers[0]!.volumeMounts![0]!.name = 'nope'),
    want: ['spec.containers[0].volumeMounts[0].name: Not found: "nope"'],
  },
  {
    name: 'two volume sources',
    mutate: (p) => (p.spec!.volumes![0]!.hostPath = { path: '/tmp' }),
    want: ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'],
  },
  {
    name: 'bad restart policy',
    mutate: (p) => (p.spec!.restartPolicy = 'Sometimes'),
    want: ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "Never", "OnFailure"'],
  },
  {
    name: 'bad port and env name',
    mutate: (p) => {
      p.spec!.containers[0]!.ports = [{ containerPort: 70000 }];
      p.spec!.containers[0]!.env = [{ name: '' }];
    },
    want: ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive', 'spec.containers[0].env[0].name: Required value'],
  },
  {
    name: 'requests above limits',
    mutate: (p) => (p.spec!.containers[0]!.resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }),
    want: ['spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1'],
  },
  {
    name: 'toleration without key must be Exists',
    mutate: (p) => (p.spec!.tolerations = [{ operator: 'Equal', value: 'x' }]),
    want: ['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
  },
  {
    name: 'missing namespace and bad name',
    mutate: (p) => {
      p.metadata = { name: 'Web' };
    },
    want: [
      `metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
      'metadata.namespace: Required value',
    ],
  },
];
for (const c of cases) test(`validatePod: ${c.name}`, () => assert.deepEqual(summary(validatePod(pod(c.mutate))), c.want));

const HEAD =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const updates: { name: string; mutate: (p: Pod) => void; want: string[] }[] = [
  { name: 'image change allowed', mutate: (p) => (p.spec!.containers[0]!.image = 'nginx:1.27'), want: [] },
  { name: 'activeDeadlineSeconds set', mutate: (p) => (p.spec!.activeDeadlineSeconds = 30), want: [] },
  { name: 'toleration added', mutate: (p) => (p.spec!.tolerations = [{ key: 'k', operator: 'Exists' }]), want: [] },
  { name: 'labels change allowed', mutate: (p) => (p.metadata!.labels = { a: 'b' }), want: [] },
  { name: 'command change forbidden', mutate: (p) => (p.spec!.containers[0]!.command = ['sh']), want: [`${HEAD}\n  containers[0].command: null → ["sh"]`] },
  { name: 'restartPolicy change forbidden', mutate: (p) => (p.spec!.restartPolicy = 'Never'), want: [`${HEAD}\n  restartPolicy: "Always" → "Never"`] },
  { name: 'rename forbidden', mutate: (p) => (p.metadata!.name = 'other'), want: ['metadata.name: Invalid value: "other": field is immutable'] },
];
for (const c of updates) {
  test(`validatePodUpdate: ${c.name}`, () => {
    const old = pod();
    const next = structuredClone(old);
    c.mutate(next);
    assert.deepEqual(summary(validatePodUpdate(next, old)), c.want);
  });
}

test('validatePodUpdate: removing a toleration is forbidden', () => {
  const old = pod((p) => (p.spec!.tolerations = [{ key: 'k', operator: 'Exists' }]));
  const next = structuredClone(old);
  next.spec!.tolerations = [];
  const fields = validatePodUpdate(next, old).map((e) => e.field);
  assert.ok(fields.includes('spec.tolerations'));
});
