import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  cannotBeHandledMessage,
  fieldValidationWarnings,
  findFieldIssues,
  findUnknownFields,
  strictDecodingError,
} from './field-validation.js';
import { findDuplicateFields } from './json-keys.js';

const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD = { group: '', version: 'v1', kind: 'Pod' };
const CM = { group: '', version: 'v1', kind: 'ConfigMap' };

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default', labels: { app: 'a', 'app.kubernetes.io/name': 'x' }, annotations: { a: 'b' } },
  spec: {
    nodeSelector: { disk: 'ssd' },
    containers: [
      {
        name: 'c',
        image: 'nginx',
        ports: [{ containerPort: 80, protocol: 'TCP' }],
        env: [{ name: 'A', value: '1' }],
        resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: 0.5 } },
        readinessProbe: { httpGet: { port: 'http', path: '/' } },
      },
    ],
  },
});

test('a valid pod (maps, Quantity, IntOrString) has no unknown fields', () => {
  assert.deepEqual(findUnknownFields(POD, pod()), []);
});

test('unknown fields are found at nested paths and inside list items', () => {
  const p: any = pod();
  p.spec.bogusField = 1;
  p.spec.containers[0].imagee = 'x';
  p.spec.containers[0].ports[0].bogus = true;
  p.metadata.app = 'x';
  p.status = { phase: 'Running', weird: 1 };
  assert.deepEqual(findUnknownFields(POD, p), [
    'metadata.app',
    'spec.containers[0].ports[0].bogus', // document order: ports came before the added imagee
    'spec.containers[0].imagee',
    'spec.bogusField',
    'status.weird',
  ]);
});

test('deployment template paths, top-level unknowns, opaque RawExtension', () => {
  const d = { apiVersion: 'apps/v1', kind: 'Deployment', template: {}, spec: { template: { spec: { containers: [{ name: 'c', imagee: 'x' }] } } } };
  assert.deepEqual(findUnknownFields(DEPLOY, d), ['template', 'spec.template.spec.containers[0].imagee']);
  const rev = { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { anything: { goes: 1 } } };
  assert.deepEqual(findUnknownFields({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, rev), []);
  assert.deepEqual(findUnknownFields({ group: 'x.io', version: 'v1', kind: 'Custom' }, { spec: { a: 1 } }), []);
});

test('the upstream example: duplicates and unknowns interleaved in document order', () => {
  const raw = `{"apiVersion":"apps/v1","kind":"Deployment",
    "metadata":{"name":"dupename","name":"d","labels":{"app":"nginx"},"unknownMeta":"metaVal"},
    "spec":{"unknown1":"val1","unknownDupe":"valDupe","unknownDupe":"valDupe2","paused":true,"paused":false,
      "selector":{"matchLabels":{"app":"nginx"}},
      "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:latest",
        "unknownNested":"val1","imagePullPolicy":"Always","imagePullPolicy":"Never"}]}}}}`;
  const issues = findFieldIssues(DEPLOY, JSON.parse(raw), raw);
  assert.equal(
    cannotBeHandledMessage('Deployment', 'v1', strictDecodingError(issues)),
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: duplicate field "metadata.name", ' +
      'unknown field "metadata.unknownMeta", unknown field "spec.unknown1", unknown field "spec.unknownDupe", ' +
      'duplicate field "spec.paused", unknown field "spec.template.spec.containers[0].unknownNested", ' +
      'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
  );
  assert.deepEqual(fieldValidationWarnings(issues.slice(0, 2)), ['duplicate field "metadata.name"', 'unknown field "metadata.unknownMeta"']);
  // a patched object (or a YAML body) is reported in sorted-key order, as upstream re-serializes it
  assert.deepEqual(findUnknownFields(DEPLOY, JSON.parse(raw), { sorted: true }), [
    'metadata.unknownMeta',
    'spec.template.spec.containers[0].unknownNested',
    'spec.unknown1',
    'spec.unknownDupe',
  ]);
});

test('duplicate keys: maps, arrays, escaped keys; strings are unknown paths in messages', () => {
  assert.deepEqual(findDuplicateFields('{"data":{"a":"1","a":"2"},"x":[{"k":1,"k":2}],"e\\"q":1,"e\\"q":2}'), ['data.a', 'x[0].k', 'e"q']);
  assert.deepEqual(findDuplicateFields('{"a":"}{,\\"","b":[1,2,{"c":[]}],"d":null}'), []);
  assert.equal(strictDecodingError(['spec.bogusField']), 'strict decoding error: unknown field "spec.bogusField"');
  const raw = '{"data":{"a":"1"},"bogus":{"x":1,"x":2}}';
  assert.deepEqual(findFieldIssues(CM, JSON.parse(raw), raw), [{ type: 'unknown', path: 'bogus' }]);
});

test('speed: a ConfigMap and a Pod (numbers reported, generous bound)', (t) => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' }, data: { a: '1', b: '2' } };
  findUnknownFields(POD, pod()); // compile once
  findUnknownFields(CM, cm);
  const time = (fn: () => void, n: number): number => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    return Number(process.hrtime.bigint() - start) / 1e6 / n;
  };
  const p = pod();
  const podMs = time(() => findUnknownFields(POD, p), 10_000);
  const cmMs = time(() => findUnknownFields(CM, cm), 10_000);
  const raw = JSON.stringify(p);
  const podRawMs = time(() => findFieldIssues(POD, p, raw), 10_000);
  t.diagnostic(`per call: pod ${(podMs * 1000).toFixed(2)} µs, configmap ${(cmMs * 1000).toFixed(2)} µs, pod+duplicates ${(podRawMs * 1000).toFixed(2)} µs`);
  assert.ok(cmMs < 0.1, `configmap ${cmMs} ms`);
  assert.ok(podMs < 1, `pod ${podMs} ms`);
});
