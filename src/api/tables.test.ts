import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TABLE, TABLES, tableConvertorFor } from './tables.js';

const now = new Date('2024-05-01T12:00:00Z');
const empty = { metadata: { name: 'x', creationTimestamp: '2024-05-01T11:59:00Z' } };

const EXPECTED_KEYS = [
  '/Pod', '/Namespace', '/Service', '/Endpoints', '/ConfigMap', '/Secret', '/ServiceAccount', '/Node', '/Event',
  '/LimitRange', '/ResourceQuota', '/PersistentVolume', '/PersistentVolumeClaim', '/PodTemplate',
  '/ReplicationController', 'apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet',
  'apps/ControllerRevision', 'batch/Job', 'batch/CronJob', 'autoscaling/HorizontalPodAutoscaler',
  'coordination.k8s.io/Lease', 'discovery.k8s.io/EndpointSlice', 'events.k8s.io/Event',
  'networking.k8s.io/Ingress', 'networking.k8s.io/IngressClass', 'networking.k8s.io/NetworkPolicy',
  'policy/PodDisruptionBudget', 'scheduling.k8s.io/PriorityClass', 'storage.k8s.io/StorageClass',
  'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
];

test('every served kind has a convertor', () => {
  assert.deepEqual(Object.keys(TABLES).sort(), [...EXPECTED_KEYS].sort());
});

for (const [key, table] of Object.entries({ ...TABLES, '<default>': DEFAULT_TABLE })) {
  test(`${key}: cells match columns for an empty object`, () => {
    const cells = table.cells(empty, now);
    assert.equal(cells.length, table.columns.length);
    for (const c of cells) assert.ok(c !== undefined && c !== null, `no undefined cells in ${JSON.stringify(cells)}`);
    const names = table.columns.filter((c) => c.format === 'name');
    assert.equal(names.length, 1, 'exactly one name column');
    assert.equal(cells[table.columns.indexOf(names[0]!)], 'x');
    for (const c of table.columns) assert.ok(c.description.length > 0, `${c.name} has a description`);
  });
}

test('fallback convertor is NAME AGE', () => {
  const t = tableConvertorFor('example.com', 'Widget');
  assert.deepEqual(t.columns.map((c) => c.name), ['Name', 'Age']);
  assert.deepEqual(t.cells(empty, now), ['x', '60s']);
  assert.equal(tableConvertorFor('', 'Pod'), TABLES['/Pod']);
});

test('roles print NAME CREATED AT', () => {
  const t = TABLES['rbac.authorization.k8s.io/Role']!;
  assert.deepEqual(t.columns.map((c) => [c.name, c.type]), [['Name', 'string'], ['Created At', 'date']]);
  assert.deepEqual(t.cells(empty, now), ['x', '2024-05-01T11:59:00Z']);
});
