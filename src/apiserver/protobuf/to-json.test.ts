import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeProtobufObject } from './decode.js';
import { supportedKinds } from './kinds.js';
import { encodeProtobufBody } from './testing.js';

const CORE = 'k8s.io.api.core.v1';
const Q = (s: string) => ({ string: s });
const INT = (n: number) => ({ type: 0, intVal: n });
const STR = (s: string) => ({ type: 1, strVal: s });

/** A pod message using the protobuf shapes (embedded structs as nested messages, Quantity/IntOrString messages). */
const podMessage = {
  metadata: {
    name: 'p', namespace: '', uid: '', generation: 0, labels: { app: 'web', empty: '' },
    creationTimestamp: { seconds: 1700000000, nanos: 5 }, deletionGracePeriodSeconds: 0,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true, blockOwnerDeletion: false }],
  },
  spec: {
    volumes: [
      { name: 'scratch', volumeSource: { emptyDir: {} } },
      { name: 'cfg', volumeSource: { configMap: { localObjectReference: { name: 'cm' }, defaultMode: 420, items: [{ key: 'a', path: 'b' }] } } },
      { name: 'tok', volumeSource: { projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }] } } },
    ],
    containers: [{
      name: 'c', image: 'nginx', command: ['sh', '-c', ''], stdin: false, tty: false,
      ports: [{ name: '', hostPort: 0, containerPort: 8080, protocol: 'TCP', hostIP: '' }],
      env: [
        { name: 'A', value: '' },
        { name: 'B', valueFrom: { configMapKeyRef: { localObjectReference: { name: 'cm' }, key: 'k', optional: false } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      envFrom: [{ prefix: 'X_', secretRef: { localObjectReference: { name: 's' } } }],
      resources: { limits: { cpu: Q('500m'), memory: Q('128Mi') }, requests: { cpu: Q('250m') } },
      volumeMounts: [{ name: 'scratch', mountPath: '/tmp', readOnly: true }],
      livenessProbe: { handler: { httpGet: { path: '/healthz', port: STR('http'), scheme: 'HTTP' } }, periodSeconds: 5, initialDelaySeconds: 0 },
      readinessProbe: { handler: { tcpSocket: { port: INT(8080) } } },
      startupProbe: { handler: { grpc: { port: 0 } } },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      securityContext: { runAsUser: 0, runAsNonRoot: false, privileged: false, capabilities: { drop: ['ALL'] } },
    }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 0, dnsPolicy: 'ClusterFirst', hostNetwork: false,
    nodeSelector: { 'kubernetes.io/os': 'linux' }, automountServiceAccountToken: false,
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
    securityContext: { fsGroup: 2000, supplementalGroups: [1, 2] },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  },
};

const podJson = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'p', labels: { app: 'web', empty: '' }, creationTimestamp: '2023-11-14T22:13:20Z', deletionGracePeriodSeconds: 0,
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true, blockOwnerDeletion: false }],
  },
  spec: {
    volumes: [
      { name: 'scratch', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'cm', defaultMode: 420, items: [{ key: 'a', path: 'b' }] } },
      { name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 't', expirationSeconds: 3600 } }] } },
    ],
    containers: [{
      name: 'c', image: 'nginx', command: ['sh', '-c', ''],
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'A' },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'cm', key: 'k', optional: false } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
      envFrom: [{ prefix: 'X_', secretRef: { name: 's' } }],
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } },
      volumeMounts: [{ name: 'scratch', mountPath: '/tmp', readOnly: true }],
      livenessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 5 },
      readinessProbe: { tcpSocket: { port: 8080 } },
      startupProbe: { grpc: { port: 0 } },
      lifecycle: { preStop: { sleep: { seconds: 5 } } },
      securityContext: { runAsUser: 0, runAsNonRoot: false, privileged: false, capabilities: { drop: ['ALL'] } },
    }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 0, dnsPolicy: 'ClusterFirst',
    nodeSelector: { 'kubernetes.io/os': 'linux' }, automountServiceAccountToken: false,
    tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
    securityContext: { fsGroup: 2000, supplementalGroups: [1, 2] },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
  },
};

interface Case {
  name: string;
  apiVersion: string;
  kind: string;
  type: string;
  message: object;
  json: object;
}

const cases: Case[] = [
  { name: 'Pod with volumes, probes, env sources, security contexts', apiVersion: 'v1', kind: 'Pod', type: `${CORE}.Pod`, message: podMessage, json: podJson },
  {
    name: 'Secret with data bytes, stringData and immutable=false', apiVersion: 'v1', kind: 'Secret', type: `${CORE}.Secret`,
    message: { metadata: { name: 's' }, data: { bin: Buffer.from([0, 255]) }, stringData: { a: 'b' }, immutable: false, type: 'Opaque' },
    json: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { bin: 'AP8=' }, stringData: { a: 'b' }, immutable: false, type: 'Opaque' },
  },
  {
    name: 'Eviction with DeleteOptions', apiVersion: 'policy/v1', kind: 'Eviction', type: 'k8s.io.api.policy.v1.Eviction',
    message: { metadata: { name: 'p', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'], preconditions: { uid: 'u1' } } },
    json: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'p', namespace: 'default' }, deleteOptions: { gracePeriodSeconds: 0, propagationPolicy: 'Foreground', dryRun: ['All'], preconditions: { uid: 'u1' } } },
  },
  {
    name: 'Scale to zero', apiVersion: 'autoscaling/v1', kind: 'Scale', type: 'k8s.io.api.autoscaling.v1.Scale',
    message: { metadata: { name: 'web', namespace: 'default', resourceVersion: '12' }, spec: { replicas: 0 }, status: { replicas: 3, selector: 'app=web' } },
    json: { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web', namespace: 'default', resourceVersion: '12' }, spec: { replicas: 0 }, status: { replicas: 3, selector: 'app=web' } },
  },
  {
    name: 'Binding', apiVersion: 'v1', kind: 'Binding', type: `${CORE}.Binding`,
    message: { metadata: { name: 'p', namespace: 'ns' }, target: { kind: 'Node', name: 'n1', apiVersion: '' } },
    json: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'p', namespace: 'ns' }, target: { kind: 'Node', name: 'n1' } },
  },
  {
    name: 'Deployment with RollingUpdate and int64 generation', apiVersion: 'apps/v1', kind: 'Deployment', type: 'k8s.io.api.apps.v1.Deployment',
    message: {
      metadata: { name: 'd', generation: 2 ** 40 },
      spec: { replicas: 3, revisionHistoryLimit: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: STR('25%'), maxUnavailable: INT(0) } }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
    },
    json: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', generation: 2 ** 40 },
      spec: { replicas: 3, revisionHistoryLimit: 0, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, template: { spec: { containers: [{ name: 'c', image: 'i' }] } } },
    },
  },
  {
    name: 'Job with pointer zeros and CronJob suspend', apiVersion: 'batch/v1', kind: 'CronJob', type: 'k8s.io.api.batch.v1.CronJob',
    message: { metadata: { name: 'cj' }, spec: { schedule: '@daily', suspend: false, successfulJobsHistoryLimit: 0, jobTemplate: { spec: { backoffLimit: 0, parallelism: 1, template: {} } } } },
    json: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { schedule: '@daily', suspend: false, successfulJobsHistoryLimit: 0, jobTemplate: { spec: { backoffLimit: 0, parallelism: 1, template: {} } } } },
  },
  {
    name: 'DeleteOptions under any apiVersion', apiVersion: 'apps/v1', kind: 'DeleteOptions', type: 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions',
    message: { propagationPolicy: 'Background', orphanDependents: false },
    json: { apiVersion: 'apps/v1', kind: 'DeleteOptions', propagationPolicy: 'Background', orphanDependents: false },
  },
];

for (const c of cases) {
  test(`round trip: ${c.name}`, () => {
    const { object } = decodeProtobufObject(encodeProtobufBody(c.apiVersion, c.kind, c.type, c.message));
    assert.deepEqual(object, c.json);
  });
}

test('Go zero time and empty Time message are omitted; epoch is kept', () => {
  const encode = (creationTimestamp: object) =>
    decodeProtobufObject(encodeProtobufBody('v1', 'ConfigMap', `${CORE}.ConfigMap`, { metadata: { name: 'x', creationTimestamp } })).object;
  assert.deepEqual(encode({}), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  assert.deepEqual(encode({ seconds: -62135596800 }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
  assert.deepEqual(encode({ seconds: 0, nanos: 0 }), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', creationTimestamp: '1970-01-01T00:00:00Z' } });
});

test('every supported kind resolves to a message in the schema', () => {
  for (const gvk of supportedKinds()) {
    const slash = gvk.lastIndexOf('/');
    const [apiVersion, kind] = [gvk.slice(0, slash), gvk.slice(slash + 1)];
    const body = encodeProtobufBody(apiVersion === '*' ? 'v1' : apiVersion, kind, 'k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta', {});
    assert.equal(decodeProtobufObject(body).kind, kind);
  }
});
