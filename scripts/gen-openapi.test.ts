import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateSchemas, packageOf } from './gen-openapi.js';

test('module paths map to upstream package names', () => {
  assert.equal(packageOf('core/v1'), 'io.k8s.api.core.v1');
  assert.equal(packageOf('apps/v1'), 'io.k8s.api.apps.v1');
  assert.equal(packageOf('meta/v1'), 'io.k8s.apimachinery.pkg.apis.meta.v1');
  assert.equal(packageOf('api/resource'), 'io.k8s.apimachinery.pkg.api.resource');
});

test('the committed schemas.json is what the generator produces (else: node --import tsx scripts/gen-openapi.ts)', async () => {
  const schemas = await generateSchemas();
  const dep = schemas['io.k8s.api.apps.v1.Deployment']!;
  assert.equal(dep.description, 'Deployment enables declarative updates for Pods and ReplicaSets.');
  assert.deepEqual(dep['x-kubernetes-group-version-kind'], [{ group: 'apps', kind: 'Deployment', version: 'v1' }]);
  const committed = readFileSync(new URL('../src/api/openapi/generated/schemas.json', import.meta.url), 'utf8');
  assert.equal(JSON.stringify(schemas) + '\n', committed);
});
