import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { controllerName, deploymentTable } from './tables.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'web', creationTimestamp: '2024-05-01T09:00:00Z' };
const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox' }] },
};

const cases: Array<[string, Deployment, unknown[]]> = [
  [
    'fresh deployment',
    { metadata, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template } },
    ['web', '0/3', 0, 0, '3h', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web'],
  ],
  [
    'rolled out',
    {
      metadata,
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] },
        template,
      },
      status: { readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, replicas: 2 },
    },
    ['web', '2/2', 2, 2, '3h', 'nginx,sidecar', 'nginx:1.27,busybox', 'app=web,tier in (fe)'],
  ],
  [
    'replicas unset defaults to 1',
    { metadata, spec: { selector: {}, template } },
    ['web', '0/1', 0, 0, '3h', 'nginx,sidecar', 'nginx:1.27,busybox', '<none>'],
  ],
];

for (const [name, dep, want] of cases) {
  test(`deployment cells: ${name}`, () => assert.deepEqual(deploymentTable.cells(dep, now), want));
}

test('deployment columns', () => {
  assert.deepEqual(
    deploymentTable.columns.map((c) => `${c.name}:${c.priority}`),
    ['Name:0', 'Ready:0', 'Up-to-date:0', 'Available:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1'],
  );
});

const controllerCases: Array<[string, Parameters<typeof controllerName>[0], string]> = [
  ['none', undefined, '<none>'],
  ['apps group', [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }], 'statefulset.apps/db'],
  ['core group', [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'u', controller: true }], 'pod/p'],
  ['not a controller', [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'x', uid: 'u' }], '<none>'],
];
for (const [name, refs, want] of controllerCases) {
  test(`controllerName: ${name}`, () => assert.equal(controllerName(refs), want));
}
