import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closure, loadSchemas, schemaNameForKind } from './schemas.js';

const schemas = loadSchemas();
const appsTypes = readFileSync(fileURLToPath(new URL('../../../node_modules/kubernetes-types/apps/v1.d.ts', import.meta.url)), 'utf8');

test('Deployment carries the kubernetes-types description and its GVK', () => {
  const d = schemas['io.k8s.api.apps.v1.Deployment']!;
  assert.equal(d.description, 'Deployment enables declarative updates for Pods and ReplicaSets.');
  assert.ok(appsTypes.includes(`/** ${d.description} */`));
  assert.deepEqual(d['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  assert.equal(d.type, 'object');
  assert.deepEqual(d.properties.spec.allOf, [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec' }]);
  assert.ok(appsTypes.includes(d.properties.spec.description));
});

test('required lists the non-optional fields', () => {
  assert.deepEqual(schemas['io.k8s.api.apps.v1.DeploymentSpec']!.required, ['selector', 'template']);
  assert.deepEqual(schemas['io.k8s.api.core.v1.Container']!.required, ['name']);
});

test('special types: Quantity, IntOrString, Time, RawExtension', () => {
  assert.equal(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']!.type, 'string');
  const ios = schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!;
  assert.equal(ios['x-kubernetes-int-or-string'], true);
  assert.equal(ios.format, 'int-or-string');
  const time = schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']!;
  assert.deepEqual([time.type, time.format], ['string', 'date-time']);
  assert.equal(schemas['io.k8s.apimachinery.pkg.runtime.RawExtension']!.type, 'object');
  const surge = schemas['io.k8s.api.apps.v1.RollingUpdateDeployment']!.properties.maxSurge;
  assert.deepEqual(surge.allOf, [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }]);
});

test('arrays use items, maps use additionalProperties', () => {
  const podSpec = schemas['io.k8s.api.core.v1.PodSpec']!;
  assert.equal(podSpec.properties.containers.type, 'array');
  assert.deepEqual(podSpec.properties.containers.items, { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
  assert.deepEqual(podSpec.properties.nodeSelector.additionalProperties, { type: 'string' });
  const limits = schemas['io.k8s.api.core.v1.ResourceRequirements']!.properties.limits;
  assert.deepEqual(limits.additionalProperties, { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' });
});

test('every $ref resolves and meta types carry GVKs', () => {
  const missing: string[] = [];
  JSON.stringify(schemas, (k, v) => {
    if (k === '$ref' && typeof v === 'string' && !schemas[v.slice('#/components/schemas/'.length)]) missing.push(v);
    return v;
  });
  assert.deepEqual(missing, []);
  assert.equal(schemaNameForKind({ group: '', version: 'v1', kind: 'Status' }), 'io.k8s.apimachinery.pkg.apis.meta.v1.Status');
  assert.equal(schemaNameForKind({ group: 'apps', version: 'v1', kind: 'DeleteOptions' }), 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions');
  assert.equal(schemaNameForKind({ group: 'events.k8s.io', version: 'v1', kind: 'Event' }), 'io.k8s.api.events.v1.Event');
});

test('patch metadata from src/api/patchmeta is included', () => {
  const containers = schemas['io.k8s.api.core.v1.PodSpec']!.properties.containers;
  assert.equal(containers['x-kubernetes-patch-merge-key'], 'name');
  assert.equal(containers['x-kubernetes-patch-strategy'], 'merge');
});

test('closure reaches nested types transitively', () => {
  const c = closure(['io.k8s.api.apps.v1.Deployment']);
  for (const n of ['io.k8s.api.core.v1.Container', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.util.intstr.IntOrString']) {
    assert.ok(c[n], n);
  }
  assert.equal(c['io.k8s.api.batch.v1.Job'], undefined);
});
