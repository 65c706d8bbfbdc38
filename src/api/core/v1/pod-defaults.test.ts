import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { applyPodAdmissionDefaults, defaultImagePullPolicy, defaultPod } from './pod-defaults.js';
import { podQOSClass } from './qos.js';

const pullPolicies: [string, string][] = [
  ['nginx', 'Always'],
  ['nginx:latest', 'Always'],
  ['nginx:1.25', 'IfNotPresent'],
  ['localhost:5000/nginx', 'Always'],
  ['localhost:5000/nginx:v1', 'IfNotPresent'],
  ['nginx@sha256:abcd', 'IfNotPresent'],
  ['nginx:latest@sha256:abcd', 'Always'],
];
for (const [image, want] of pullPolicies) test(`imagePullPolicy(${image}) = ${want}`, () => assert.equal(defaultImagePullPolicy(image), want));

const minimal = (): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec: {
    containers: [{
      name: 'c',
      image: 'nginx:1.25',
      ports: [{ containerPort: 80 }],
      livenessProbe: { httpGet: { port: 80 } },
      resources: { limits: { cpu: '1' } },
    }],
    volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 'x' } }],
  },
});

const fieldCases: { name: string; get: (p: Pod) => unknown; want: unknown }[] = [
  { name: 'restartPolicy', get: (p) => p.spec!.restartPolicy, want: 'Always' },
  { name: 'dnsPolicy', get: (p) => p.spec!.dnsPolicy, want: 'ClusterFirst' },
  { name: 'terminationGracePeriodSeconds', get: (p) => p.spec!.terminationGracePeriodSeconds, want: 30 },
  { name: 'schedulerName', get: (p) => p.spec!.schedulerName, want: 'default-scheduler' },
  { name: 'securityContext', get: (p) => p.spec!.securityContext, want: {} },
  { name: 'enableServiceLinks', get: (p) => p.spec!.enableServiceLinks, want: true },
  { name: 'imagePullPolicy', get: (p) => p.spec!.containers[0]!.imagePullPolicy, want: 'IfNotPresent' },
  { name: 'terminationMessagePath', get: (p) => p.spec!.containers[0]!.terminationMessagePath, want: '/dev/termination-log' },
  { name: 'terminationMessagePolicy', get: (p) => p.spec!.containers[0]!.terminationMessagePolicy, want: 'File' },
  { name: 'port protocol', get: (p) => p.spec!.containers[0]!.ports![0]!.protocol, want: 'TCP' },
  { name: 'probe defaults', get: (p) => p.spec!.containers[0]!.livenessProbe, want: {
    httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3,
  } },
  { name: 'requests from limits', get: (p) => p.spec!.containers[0]!.resources, want: { limits: { cpu: '1' }, requests: { cpu: '1' } } },
  { name: 'sourceless volume is emptyDir', get: (p) => p.spec!.volumes![0], want: { name: 'v', emptyDir: {} } },
  { name: 'secret defaultMode', get: (p) => p.spec!.volumes![1]!.secret!.defaultMode, want: 420 },
];
for (const c of fieldCases) {
  test(`defaultPod: ${c.name}`, () => {
    const pod = minimal();
    defaultPod(pod);
    assert.deepEqual(c.get(pod), c.want);
  });
}

test('defaultPod keeps values the user set', () => {
  const pod = minimal();
  pod.spec!.restartPolicy = 'Never';
  pod.spec!.terminationGracePeriodSeconds = 0;
  pod.spec!.containers[0]!.imagePullPolicy = 'Never';
  defaultPod(pod);
  assert.equal(pod.spec!.restartPolicy, 'Never');
  assert.equal(pod.spec!.terminationGracePeriodSeconds, 0);
  assert.equal(pod.spec!.containers[0]!.imagePullPolicy, 'Never');
});

test('admission defaults: service account, tolerations (priority is left to the Priority admission plugin)', () => {
  const pod = minimal();
  applyPodAdmissionDefaults(pod);
  assert.equal(pod.spec!.serviceAccountName, 'default');
  assert.equal(pod.spec!.priority, undefined);
  assert.deepEqual(pod.spec!.tolerations!.map((t) => [t.key, t.tolerationSeconds]), [
    ['node.kubernetes.io/not-ready', 300],
    ['node.kubernetes.io/unreachable', 300],
  ]);
});

const qos: { name: string; resources: object[]; want: string }[] = [
  { name: 'none', resources: [{}], want: 'BestEffort' },
  { name: 'limits only cpu+memory', resources: [{ limits: { cpu: '1', memory: '1Gi' } }], want: 'Guaranteed' },
  { name: 'equal requests and limits', resources: [{ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1Gi' } }], want: 'Guaranteed' },
  { name: 'requests only', resources: [{ requests: { cpu: '100m' } }], want: 'Burstable' },
  { name: 'one container unbounded', resources: [{ limits: { cpu: '1', memory: '1Gi' } }, {}], want: 'Burstable' },
];
for (const c of qos) {
  test(`podQOSClass: ${c.name}`, () => {
    const containers = c.resources.map((r, i) => ({ name: `c${i}`, resources: r }));
    assert.equal(podQOSClass({ containers }), c.want);
  });
}
