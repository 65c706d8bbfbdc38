import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1.js';
import { errorMessage, type ErrorList } from '../../../machinery/validation/field.js';
import { defaultDeployment, defaultStatefulSet } from './defaults.js';
import { validateDeployment, validateDeploymentUpdate, validateStatefulSet } from './validation.js';

const summary = (errs: ErrorList): string[] => errs.map((e) => `${e.field}: ${errorMessage(e)}`);

function deployment(mutate: (d: Deployment) => void = () => {}): Deployment {
  const d: Deployment = {
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } },
    },
  };
  mutate(d);
  defaultDeployment(d);
  return d;
}

test('defaultDeployment fills upstream defaults', () => {
  const d = deployment();
  assert.equal(d.spec!.replicas, 1);
  assert.deepEqual(d.spec!.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
  assert.equal(d.spec!.revisionHistoryLimit, 10);
  assert.equal(d.spec!.progressDeadlineSeconds, 600);
  assert.equal(d.spec!.template.spec!.restartPolicy, 'Always');
  assert.equal(d.spec!.template.spec!.containers[0]!.imagePullPolicy, 'Always');
});

test('defaultDeployment: Recreate gets no rollingUpdate', () => {
  const d = deployment((x) => (x.spec!.strategy = { type: 'Recreate' }));
  assert.deepEqual(d.spec!.strategy, { type: 'Recreate' });
});

const cases: { name: string; mutate: (d: Deployment) => void; want: string[] }[] = [
  { name: 'valid', mutate: () => {}, want: [] },
  {
    name: 'selector does not match template',
    mutate: (d) => (d.spec!.template.metadata!.labels = { app: 'other' }),
    want: ['spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`'],
  },
  { name: 'empty selector', mutate: (d) => (d.spec!.selector = {}), want: ['spec.selector: Invalid value: {}: empty selector is invalid for deployment'] },
  {
    name: 'restartPolicy Never',
    mutate: (d) => (d.spec!.template.spec!.restartPolicy = 'Never'),
    want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  },
  {
    name: 'zero surge and unavailable',
    mutate: (d) => (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
    want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0'],
  },
  {
    name: 'more than 100%',
    mutate: (d) => (d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '120%' } }),
    want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%'],
  },
  { name: 'negative replicas', mutate: (d) => (d.spec!.replicas = -1), want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'] },
];
for (const c of cases) test(`validateDeployment: ${c.name}`, () => assert.deepEqual(summary(validateDeployment(deployment(c.mutate))), c.want));

test('validateDeploymentUpdate: selector is immutable', () => {
  const old = deployment();
  const next = deployment((d) => {
    d.spec!.selector = { matchLabels: { app: 'web', v: '2' } };
    d.spec!.template.metadata!.labels = { app: 'web', v: '2' };
  });
  assert.deepEqual(summary(validateDeploymentUpdate(next, old)), [
    'spec.selector: Invalid value: {"matchLabels":{"app":"web","v":"2"}}: field is immutable',
  ]);
});

test('statefulset defaults and validation', () => {
  const s: StatefulSet = {
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
  defaultStatefulSet(s);
  assert.equal(s.spec!.podManagementPolicy, 'OrderedReady');
  assert.deepEqual(s.spec!.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
  assert.deepEqual(s.spec!.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
  assert.equal(s.spec!.volumeClaimTemplates![0]!.spec!.volumeMode, 'Filesystem');
  assert.deepEqual(validateStatefulSet(s), []);
});
